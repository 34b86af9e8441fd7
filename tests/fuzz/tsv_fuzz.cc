// libFuzzer target for the delimited-text readers: DelimitedReader (core/tsv.h) over
// the input with ',' and '\t', and RecordStream (ingest/record_stream.h, what every
// importer reads files with) over the input as a file, in both quoting modes, plus
// the encoding helpers. Any crash, sanitizer report or broken invariant (a record
// that does not advance the line, an error without a reason, output that is not
// UTF-8 where UTF-8 is promised) is a bug.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/tsv.h"
#include "ingest/record_stream.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

bool ValidUtf8(std::string_view s) { return reel::ingest::Utf8Problem(s).empty(); }

void ReadAll(std::string_view text, char delimiter) {
  reel::DelimitedReader reader(text, delimiter);
  std::vector<std::string> fields;
  int last_line = 0;
  for (int records = 0; records < 100000; ++records) {
    auto more = reader.Next(&fields);
    if (!more.ok()) {
      Check(!more.status().message().empty());
      return;
    }
    if (!*more) return;
    Check(reader.line() > last_line);
    last_line = reader.line();
    Check(!fields.empty());
  }
}

void StreamAll(const std::string& path, char delimiter, reel::ingest::Quoting quoting) {
  auto stream = reel::ingest::RecordStream::Open(path, delimiter, quoting);
  if (!stream.ok()) return;
  std::vector<std::string> fields;
  for (int records = 0; records < 100000; ++records) {
    auto more = (*stream)->Next(&fields);
    if (!more.ok()) {
      Check(!more.status().message().empty());
      return;
    }
    if (!*more) return;
    if (!(*stream)->BadField()) {
      for (const auto& f : fields) Check(ValidUtf8(f) && f.find('\0') == std::string::npos);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ReadAll(text, ',');
  ReadAll(text, '\t');
  Check(ValidUtf8(reel::Latin1ToUtf8(text)));
  Check(ValidUtf8(reel::ingest::Windows1252ToUtf8(text)));

  // The input as a file, without touching the disk.
  const int fd = ::memfd_create("tsv_fuzz", 0);
  if (fd < 0) return 0;
  size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(fd, data + written, size - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  StreamAll(path, ',', reel::ingest::Quoting::kRfc4180);
  StreamAll(path, '\t', reel::ingest::Quoting::kNone);
  ::close(fd);
  return 0;
}
