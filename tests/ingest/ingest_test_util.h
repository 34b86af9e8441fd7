// What the importer tests share: a fresh SQLite store in a temporary directory per
// test, the fixtures (tests/fixtures/ingest/) and the shared data sets
// (support/shared_data.h), imports without progress output, files
// written on the fly (plain, gzip, Latin-1), and a snapshot of the whole store
// (its reel-json export) to show that a failed import changed nothing.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/import.h"
#include "storage/store.h"
#include "support/shared_data.h"

#ifndef REEL_SOURCE_DIR
#define REEL_SOURCE_DIR "."
#endif

namespace reel::ingest {

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("reel-ingest-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_path_ = (dir_ / "t.db").string();
    store_ = std::move(Store::Open(db_path_).value());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  static std::string Fixture(const std::string& rel) {
    return std::string(REEL_SOURCE_DIR) + "/tests/fixtures/ingest/" + rel;
  }

  Result<ImportReport> Run(const std::string& format, const std::vector<std::string>& paths,
                           const std::string& rejects = "", const std::string& series = "") {
    ImportOptions options;
    options.progress = ProgressMode::kOff;
    options.rejects_path = rejects;
    options.series_name = series;
    return Import(*store_, format, paths, options);
  }
  // The import's error message ("" when it succeeded).
  std::string Error(const std::string& format, const std::vector<std::string>& paths,
                    const std::string& series = "") {
    auto r = Run(format, paths, "", series);
    return r.ok() ? "" : r.status().message();
  }

  // Every row of the store as reel-json, without the dump's last_ids: an import that
  // changes no row still uses up ids (an upsert that finds its row takes one, on
  // both databases), and last_ids records the largest id ever given.
  std::string Snapshot() {
    std::string out;
    Status st = store_->Export([&](std::string_view piece) { out.append(piece); });
    EXPECT_TRUE(st.ok()) << st.ToString();
    const size_t ids = out.find("\n\"last_ids\": ");
    EXPECT_NE(ids, std::string::npos);
    if (ids != std::string::npos) out.erase(ids);
    return out;
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::ofstream(Path(name), std::ios::binary) << bytes;
    return Path(name);
  }
  std::string WriteGzip(const std::string& name, const std::string& bytes) {
    gzFile f = gzopen(Path(name).c_str(), "wb");
    EXPECT_NE(f, nullptr);
    gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
    return Path(name);
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // A number the SQL gives, read from the store's file directly.
  int64_t Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr), SQLITE_OK) << sql;
    int64_t v = -1;
    if (q && sqlite3_step(q) == SQLITE_ROW) v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return v;
  }

  // The title another catalog knows by (source, id), found as importers find it.
  Title Film(const std::string& source, const std::string& id) {
    Title out;
    Status st = store_->Write([&](StoreWriter& w) -> Status {
      auto found = w.FindTitleIdByExternalId(source, id);
      if (!found.ok()) return found.status();
      if (!*found) return NotFound("no title");
      auto t = w.GetTitle(**found);
      if (!t.ok()) return t.status();
      out = *t;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << source << " " << id << ": " << st.ToString();
    return out;
  }
  // A person's id in another catalog ("" when none), read as importers read it.
  std::string PersonExternalId(Id person, const std::string& source) {
    std::string out;
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      auto v = w.PersonExternalId(person, source);
      if (!v.ok()) return v.status();
      out = *v;
      return Status::Ok();
    }).ok());
    return out;
  }
  std::vector<std::string> Genres(Id title) {
    std::vector<std::string> out;
    for (const auto& g : store_->ListGenres(title).value()) out.push_back(g.name);
    return out;
  }
  // "kind:role:name" for each credit of a title.
  std::vector<std::string> Credits(Id title) {
    std::vector<std::string> out;
    for (const auto& c : store_->ListCredits(title).value()) {
      out.push_back(std::string(CreditKindName(c.credit.kind)) + ":" + c.credit.role + ":" + c.person.name);
    }
    return out;
  }

  std::filesystem::path dir_;
  std::string db_path_;
  std::unique_ptr<Store> store_;
};

}  // namespace reel::ingest
