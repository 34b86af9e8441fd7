// `reel export` and `reel import`: the whole store as reel-json (lossless, into an
// empty store), and the formats of other catalogs (ingest/import.h), each import one
// transaction with its report on stdout and progress on stderr.
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "ingest/import.h"
#include "storage/store.h"

namespace reel::cli {
namespace {

struct ImportFlags {
  std::string format;
  std::vector<std::string> paths;
  ingest::ImportOptions options;
};

// `reel export`: the whole store as reel-json on stdout.
Status Export(const std::string& db) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_TRY(store->Export([](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); }));
  if (std::fflush(stdout) != 0) return Unavailable("writing the export failed");
  return Status::Ok();
}

// `reel import FORMAT PATH...` for the formats of other catalogs.
Status IngestImport(const std::string& db, const ImportFlags& f) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const auto report, ingest::Import(*store, f.format, f.paths, f.options));
  std::fputs(report.ToText().c_str(), stdout);
  return Status::Ok();
}

// `reel import reel-json DUMP`.
Status Import(const std::string& db, const ImportFlags& f) {
  if (f.format != "reel-json") return IngestImport(db, f);
  if (f.paths.size() != 1) return InvalidArgument("import reel-json: give exactly one dump file");
  const std::string& path = f.paths[0];
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("import: cannot read '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  if (Status st = store->Import(text.str()); !st.ok()) return st.WithContext(path + ": ");
  REEL_ASSIGN_OR_RETURN(const auto counts, store->CountRows());
  std::printf("imported %s:", path.c_str());
  for (const auto& [name, n] : counts) std::printf(" %s=%lld", name.c_str(), static_cast<long long>(n));
  std::printf("\n");
  return Status::Ok();
}

}  // namespace

void AddTransferCommands(Commands& c) {
  auto* exporter = c.app().add_subcommand("export", "Write the whole store as reel-json to stdout (lossless)");
  c.AddDb(exporter);
  c.On(exporter, [&c] { return ExitStatus(Export(c.db())); });

  auto f = std::make_shared<ImportFlags>();
  auto* importer = c.app().add_subcommand(
      "import", "Import FORMAT PATH... into the store in one transaction (formats: movielens, rt-movies, "
                "rt-reviews, episodes-csv, tvmaze, imdb, reel-json)");
  importer->add_option("format", f->format, "movielens, rt-movies, rt-reviews, episodes-csv, tvmaze, imdb or reel-json")
      ->required();
  importer->add_option("paths", f->paths, "Files (or directories) to import")->required();
  importer->add_option("--skip-bad-rows", f->options.rejects_path,
                       "Import the good rows and write each bad row with its reason to this TSV file "
                       "(without it the first bad row stops the import and changes nothing)");
  importer->add_option("--series", f->options.series_name, "The series an episodes-csv file belongs to");
  c.AddDb(importer);
  c.On(importer, [&c, f] { return ExitStatus(Import(c.db(), *f)); });
}

}  // namespace reel::cli
