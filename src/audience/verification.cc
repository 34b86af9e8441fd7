#include "audience/verification.h"

#include <cctype>
#include <fstream>
#include <map>
#include <vector>

#include "audience/accounts.h"
#include "catalog/title_paths.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::audience {

Result<std::string> NormalizeCode(std::string_view typed) {
  std::string out;
  for (unsigned char c : Trim(typed)) {
    if (c == ' ' || c == '-') continue;
    if (!std::isalnum(c)) return InvalidArgument("code: only letters, digits, spaces and '-'");
    out += static_cast<char>(std::toupper(c));
  }
  if (out.size() < kMinCodeLength || out.size() > kMaxCodeLength) {
    return InvalidArgument("code: must be " + std::to_string(kMinCodeLength) + " to " +
                           std::to_string(kMaxCodeLength) + " letters and digits");
  }
  return out;
}

std::string CodeHash(std::string_view normalized) { return TokenHash("reel-verification-code:" + std::string(normalized)); }

Result<VerifyImportReport> ImportVerificationCodes(Store& store, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot be read");
  struct Line {
    int number;
    std::string hash;
    Id title_id;
  };
  std::vector<Line> codes;
  std::map<std::string, Id> titles;        // Address -> title, looked up once each.
  std::map<std::string, int> seen;          // Code hash -> first line.
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    const std::string where = path + ":" + std::to_string(number) + ": ";
    const std::string_view line = Trim(text);
    if (line.empty() || line[0] == '#') continue;
    if (!IsValidUtf8(line)) return InvalidArgument(where + "is not UTF-8 text");
    const size_t sep = line.find_first_of("\t,");
    if (sep == std::string_view::npos) return InvalidArgument(where + "expected CODE<TAB>TITLE (a tab or a comma)");
    auto code = NormalizeCode(line.substr(0, sep));
    if (!code.ok()) return code.status().WithContext(where);
    const std::string address(Trim(line.substr(sep + 1)));
    auto it = titles.find(address);
    if (it == titles.end()) {
      auto title = catalog::FindTitleByPath(store, address);
      if (!title.ok()) {
        if (title.status().code() == StatusCode::kNotFound) {
          return InvalidArgument(where + "title: no title at '" + address + "'");
        }
        return title.status().WithContext(where);
      }
      if (title->title.kind == TitleKind::kSeries) {
        return InvalidArgument(where + "title: '" + address + "' is a series; codes are for a season, an episode or a film");
      }
      it = titles.emplace(address, title->title.id).first;
    }
    const std::string hash = CodeHash(*code);
    if (auto dup = seen.find(hash); dup != seen.end()) {
      return InvalidArgument(where + "code: the same code is on line " + std::to_string(dup->second));
    }
    seen.emplace(hash, number);
    codes.push_back({number, hash, it->second});
  }
  if (in.bad()) return Unavailable(path + ": read failed");
  VerifyImportReport report;
  REEL_TRY(store.Write([&](StoreWriter& w) -> Status {
    for (const auto& c : codes) {
      auto change = w.AddVerificationCode(c.hash, c.title_id);
      if (!change.ok()) return change.status().WithContext(path + ":" + std::to_string(c.number) + ": ");
      ++report.lines;
      (*change == StoreWriter::Change::kInserted ? report.added : report.unchanged)++;
    }
    return Status::Ok();
  }));
  return report;
}

}  // namespace reel::audience
