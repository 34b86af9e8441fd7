// reel: the command-line entry point. Each subcommand parses its flags, opens the
// store and calls into reel_core; nothing here holds logic of its own.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>
#include <sstream>
#include <cstdio>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "audience/critic_posts.h"
#include "audience/users.h"
#include "audience/verification.h"
#include "core/log.h"
#include "core/parse.h"
#include "jobs/job_runner.h"
#include "ingest/catalog_json.h"
#include "ingest/import.h"
#include "ingest/title_names.h"
#include "scoring/grade.h"
#include "scoring/rescore.h"
#include "scoring/rt_eval.h"
#include "storage/store.h"
#include "web/api/api.h"
#include "web/html/pages.h"
#include "web/page_cache.h"
#include "web/routes.h"
#include "web/server.h"

namespace {

using reel::Status;

constexpr const char* kDefaultDb = "sqlite:var/reel.db";

// Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080").
bool ParseListen(const std::string& s, std::string& host, int& port) {
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  host = s.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  const auto number = reel::ParseInt(std::string_view(s).substr(colon + 1));
  if (!number || *number < 0 || *number > 65535) return false;
  port = static_cast<int>(*number);
  return true;
}

int Fail(const reel::Status& st) {
  std::fprintf(stderr, "reel: %s\n", st.ToString().c_str());
  return 1;
}

int Serve(const std::string& db, const std::string& listen, int threads, int page_cache_mb,
          int64_t audit_interval, std::string public_url, reel::web::GuestComments guest_comments,
          int max_connections, int max_connections_per_address) {
  reel::web::ServerOptions options;
  if (!ParseListen(listen, options.host, options.port)) {
    return Fail(reel::InvalidArgument("--listen: '" + listen + "' is not HOST:PORT"));
  }
  if (max_connections < 0) return Fail(reel::InvalidArgument("--max-connections: must be 0 or more"));
  if (max_connections_per_address < 0) {
    return Fail(reel::InvalidArgument("--max-connections-per-address: must be 0 or more"));
  }
  options.threads = threads;
  options.max_connections = max_connections;
  options.max_connections_per_address = max_connections_per_address;
  options.default_headers = reel::web::SecurityHeaders();
  // glibc hands the free top of each thread's heap back to the kernel at once
  // (madvise), so every response buffer of a worker page-faults in again: a cached
  // 46 KB season page served 5,300 req/s with trimming and 24,400 without
  // (bench/pages, 2 cores); uncached pages gain about a fifth. Keep up to 256 MiB.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  if (public_url.empty()) public_url = "http://" + listen;
  if (public_url.rfind("http://", 0) != 0 && public_url.rfind("https://", 0) != 0) {
    return Fail(reel::InvalidArgument("--public-url: '" + public_url + "' must start with http:// or https://"));
  }
  reel::web::Pages pages(**store, reel::Date::Today, reel::web::SiteOptions{public_url});
  pages.SetGuestComments(guest_comments);
  reel::web::Api api(**store);
  const reel::web::Router router = reel::web::BuildRouter(pages, api);
  std::unique_ptr<reel::web::PageCache> cache;
  if (page_cache_mb > 0) {
    cache = std::make_unique<reel::web::PageCache>(static_cast<size_t>(page_cache_mb) << 20, std::chrono::seconds(60));
  }
  reel::Store* s = store->get();
  reel::web::Server server(options,
                           reel::web::MakeSiteHandler(router, pages, cache.get(), [s] { return s->ChangeGeneration(); }),
                           reel::web::MakeErrorRenderer(pages));
  if (auto st = server.Listen(); !st.ok()) return Fail(st);
  reel::jobs::JobRunner jobs(**store, reel::jobs::SiteJobs(**store, audit_interval));
  spdlog::info("reel serving {} on http://{}:{}/ (at most {} connections, {} per client address)", db, options.host,
               server.port(), server.max_connections(), server.max_connections_per_address());
  if (auto st = server.Run(); !st.ok()) return Fail(st);
  spdlog::info("reel stopped");
  return 0;
}

int Init(const std::string& db, bool demo) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto version = (*store)->SchemaVersion();
  if (!version.ok()) return Fail(version.status());
  std::printf("%s: schema version %d\n", db.c_str(), *version);
  if (demo) {
    auto stats = reel::LoadDemoCatalog(**store);
    if (!stats.ok()) return Fail(stats.status());
    std::printf("demo catalog: %lld titles, %lld people, %lld credits, %lld critic reviews, %lld ratings\n",
                static_cast<long long>(stats->titles), static_cast<long long>(stats->people),
                static_cast<long long>(stats->credits), static_cast<long long>(stats->critic_reviews),
                static_cast<long long>(stats->ratings));
  }
  return 0;
}

int Stats(const std::string& db) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto counts = (*store)->CountRows();
  if (!counts.ok()) return Fail(counts.status());
  for (const auto& [name, n] : *counts) std::printf("%s=%lld\n", name.c_str(), static_cast<long long>(n));
  return 0;
}

// `reel score --recompute`: rebuilds every title's aggregates and reports drift.
int Score(const std::string& db, bool recompute) {
  if (!recompute) {
    std::fprintf(stderr, "reel score: nothing to do (use --recompute)\n");
    return 2;
  }
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  // Grades and verdicts first (they feed the aggregates), then the aggregates.
  auto rescored = reel::scoring::RescoreStore(**store);
  if (!rescored.ok()) return Fail(rescored.status());
  std::printf("critic_reviews=%lld graded=%lld derived=%lld suggested=%lld changed=%lld\n",
              static_cast<long long>(rescored->reviews), static_cast<long long>(rescored->graded),
              static_cast<long long>(rescored->derived), static_cast<long long>(rescored->suggested),
              static_cast<long long>(rescored->changed));
  auto report = (*store)->RecomputeAggregates();
  if (!report.ok()) return Fail(report.status());
  std::printf("titles=%lld reviews=%lld ratings=%lld drifted=%lld\n", static_cast<long long>(report->titles),
              static_cast<long long>(report->reviews), static_cast<long long>(report->ratings),
              static_cast<long long>(report->drifted));
  for (const auto& e : report->examples) std::printf("drift: %s\n", e.c_str());
  return 0;
}

// `reel export`: the whole store as reel-json on stdout.
int Export(const std::string& db) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  Status st = (*store)->Export([](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); });
  if (!st.ok()) return Fail(st);
  return std::fflush(stdout) == 0 ? 0 : Fail(reel::Unavailable("writing the export failed"));
}

// `reel import FORMAT PATH...` for the formats of other catalogs (ingest/import.h):
// one transaction; the report on stdout, progress on stderr.
int IngestImport(const std::string& format, const std::vector<std::string>& paths, const std::string& db,
                 const reel::ingest::ImportOptions& options) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto report = reel::ingest::Import(**store, format, paths, options);
  if (!report.ok()) return Fail(report.status());
  std::fputs(report->ToText().c_str(), stdout);
  return 0;
}

// `reel import FORMAT PATH...`.
int Import(const std::string& format, const std::vector<std::string>& paths, const std::string& db,
           const reel::ingest::ImportOptions& options) {
  if (format != "reel-json") return IngestImport(format, paths, db, options);
  if (paths.size() != 1) return Fail(reel::InvalidArgument("import reel-json: give exactly one dump file"));
  std::ifstream in(paths[0], std::ios::binary);
  if (!in) return Fail(reel::NotFound("import: cannot read '" + paths[0] + "'"));
  std::stringstream text;
  text << in.rdbuf();
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  if (Status st = (*store)->Import(text.str()); !st.ok()) return Fail(st.WithContext(paths[0] + ": "));
  auto counts = (*store)->CountRows();
  if (!counts.ok()) return Fail(counts.status());
  std::printf("imported %s:", paths[0].c_str());
  for (const auto& [name, n] : *counts) std::printf(" %s=%lld", name.c_str(), static_cast<long long>(n));
  std::printf("\n");
  return 0;
}

// `reel grade`: one line per grade given as arguments, or per line of stdin.
int Grade(const std::vector<std::string>& grades, const std::string& publication, const std::string& db,
          const std::string& eval_rt, const std::string& train) {
  if (!eval_rt.empty() && !train.empty()) {
    // Both modes: learnt from the train file, then cross-validated inside the file.
    auto held_out = reel::scoring::EvalRtTrainTest(train, eval_rt);
    if (!held_out.ok()) return Fail(held_out.status());
    std::printf("mode=train-test %s\n", held_out->ToLine().c_str());
    auto within = reel::scoring::EvalRt(eval_rt);
    if (!within.ok()) return Fail(within.status());
    std::printf("mode=cross-validation %s\n", within->ToLine().c_str());
    return 0;
  }
  if (!train.empty()) return Fail(reel::InvalidArgument("--train: give the file to evaluate with --eval-rt"));
  if (!eval_rt.empty()) {
    auto report = reel::scoring::EvalRt(eval_rt);
    if (!report.ok()) return Fail(report.status());
    std::printf("%s\n", report->ToLine().c_str());
    return 0;
  }
  std::optional<reel::scoring::PublicationScale> scale;
  if (!publication.empty()) {
    auto store = reel::Store::Open(db);
    if (!store.ok()) return Fail(store.status());
    auto history = (*store)->ListPublicationGrades(publication);
    if (!history.ok()) return Fail(history.status());
    std::vector<std::string_view> views(history->begin(), history->end());
    scale = reel::scoring::InferPublicationScale(views);
  }
  auto line = [&](const std::string& g) {
    // With a publication, bare numbers take the scale of its history.
    return scale ? reel::scoring::FormatGradeLine(g, reel::scoring::ParseGradeInPublication(g, *scale))
                 : reel::scoring::FormatGradeLine(g);
  };

  if (!grades.empty()) {
    for (const auto& g : grades) std::printf("%s\n", line(g).c_str());
    return 0;
  }
  std::string g;
  while (std::getline(std::cin, g)) {
    if (!g.empty() && g.back() == '\r') g.pop_back();
    std::printf("%s\n", line(g).c_str());
  }
  return 0;
}

// `reel users ...`: accounts from the command line (the first admin, roles, reset
// links). Passwords never go on the command line: `add` reads one from stdin with
// --password-stdin, or prints a one-time link to choose it.
int UsersAdd(const std::string& db, const std::string& name, const std::string& role_name, const std::string& email,
             bool password_stdin, const std::string& public_url) {
  auto role = reel::ParseRole(role_name);
  if (!role) return Fail(reel::InvalidArgument("--role: '" + role_name + "' is not reader, critic, editor or admin"));
  for (reel::Status st : {reel::audience::ValidateUsername(name),
                          email.empty() ? Status::Ok() : reel::audience::ValidateEmail(email)}) {
    if (!st.ok()) return Fail(st);
  }
  reel::User u;
  u.username = name;
  u.email = email;
  u.role = *role;
  if (password_stdin) {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (Status st = reel::audience::ValidatePassword(password); !st.ok()) return Fail(st);
    auto hash = reel::audience::HashPassword(password);
    if (!hash.ok()) return Fail(hash.status());
    u.password_hash = *hash;
  }
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto id = (*store)->CreateUser(u);
  if (!id.ok()) return Fail(id.status());
  u.id = *id;
  std::printf("user %s created (id %lld, role %s)\n", name.c_str(), static_cast<long long>(*id), role_name.c_str());
  if (!password_stdin) {
    auto link = reel::audience::RequestPasswordReset(**store, u, public_url);
    if (!link.ok()) return Fail(link.status());
    std::printf("choose a password at: %s\n", link->c_str());
  }
  return 0;
}

int UsersRole(const std::string& db, const std::string& name, const std::string& role_name) {
  auto role = reel::ParseRole(role_name);
  if (!role) return Fail(reel::InvalidArgument("role: '" + role_name + "' is not reader, critic, editor or admin"));
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto user = (*store)->FindUserByName(name);
  if (!user.ok()) return Fail(user.status().WithContext("user '" + name + "': "));
  if (Status st = (*store)->SetUserAccess(user->id, *role, std::nullopt); !st.ok()) return Fail(st);
  std::printf("user %s is now %s\n", user->username.c_str(), role_name.c_str());
  return 0;
}

int UsersCritic(const std::string& db, const std::string& name, const std::string& critic_slug,
                const std::string& critic_name, const std::string& publication) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto user = (*store)->FindUserByName(name);
  if (!user.ok()) return Fail(user.status().WithContext("user '" + name + "': "));
  reel::Id critic_id = 0;
  if (!critic_slug.empty()) {
    auto critic = reel::audience::EnsureCriticProfile(**store, {critic_slug, critic_name, publication});
    if (!critic.ok()) {
      // The form's field names, as this command's options.
      std::string message = critic.status().message();
      for (const auto& [field, option] : {std::pair<std::string, std::string>{"critic_name:", "--name:"},
                                          {"publication:", "--publication:"}}) {
        if (message.rfind(field, 0) == 0) message = option + message.substr(field.size());
      }
      return Fail(reel::Status(critic.status().code(), message));
    }
    critic_id = *critic;
  }
  if (Status st = (*store)->SetUserAccess(user->id, std::nullopt, critic_id); !st.ok()) return Fail(st);
  std::printf("user %s posts as %s\n", user->username.c_str(), critic_slug.empty() ? "(no critic)" : critic_slug.c_str());
  return 0;
}

int UsersResetLink(const std::string& db, const std::string& name, const std::string& public_url) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto user = (*store)->FindUserByName(name);
  if (!user.ok()) return Fail(user.status().WithContext("user '" + name + "': "));
  auto link = reel::audience::RequestPasswordReset(**store, *user, public_url);
  if (!link.ok()) return Fail(link.status());
  std::printf("%s\n", link->c_str());
  return 0;
}

int UsersList(const std::string& db) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto users = (*store)->ListUsers("", 1000000, 0);
  if (!users.ok()) return Fail(users.status());
  for (const auto& u : *users) {
    std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(u.id), u.username.c_str(), reel::RoleName(u.role),
                u.email.c_str(), u.created_at.c_str());
  }
  return 0;
}

int TitlesRename(const std::string& db, const std::string& which, const std::string& name, int year) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto renamed = reel::ingest::RenameTitle(**store, which, name,
                                           year ? std::optional<int>(year) : std::nullopt);
  if (!renamed.ok()) return Fail(renamed.status());
  auto shown = [](const reel::Title& t) {
    return "\"" + t.name + "\"" + (t.release ? " (" + std::to_string(t.release->year()) + ")" : "") +
           (t.untitled ? " (untitled)" : "");
  };
  std::printf("renamed %s: %s -> %s\n", renamed->path.c_str(), shown(renamed->before).c_str(),
              shown(renamed->after).c_str());
  return 0;
}

int VerifyImport(const std::string& db, const std::string& path) {
  auto store = reel::Store::Open(db);
  if (!store.ok()) return Fail(store.status());
  auto report = reel::audience::ImportVerificationCodes(**store, path);
  if (!report.ok()) return Fail(report.status());
  std::printf("codes=%lld added=%lld unchanged=%lld\n", static_cast<long long>(report->lines),
              static_cast<long long>(report->added), static_cast<long long>(report->unchanged));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"reel: a self-hostable review aggregator for TV series and films"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "reel 0.1");

  std::string db = kDefaultDb;
  auto add_db = [&db](CLI::App* cmd) {
    cmd->add_option("--db", db, "Store: sqlite:PATH (or a bare path), or a postgresql:// URL")
        ->capture_default_str();
  };

  auto* serve = app.add_subcommand("serve", "Serve the site over HTTP until Ctrl-C");
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  add_db(serve);
  serve->add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  serve->add_option("--threads", threads, "Worker threads (0: one per core)")->capture_default_str();
  int page_cache_mb = 64;
  serve->add_option("--page-cache-mb", page_cache_mb,
                    "Memory for rendered pages, invalidated by any write on any server (0: off)")
      ->capture_default_str();
  int64_t audit_interval = 86400;
  bool guest_comments = false;
  serve->add_flag("--guest-comments", guest_comments,
                  "Let readers without an account comment with a name and an email (never shown)");
  serve->add_option("--audit-interval", audit_interval,
                    "Seconds between aggregate audits (one server of several runs each; 0: never)")
      ->capture_default_str();

  int max_connections = 0, max_connections_per_address = 0;
  serve->add_option("--max-connections", max_connections,
                    "Connections served at once; more are answered 503 (0: from the limit of open files)")
      ->capture_default_str();
  serve->add_option("--max-connections-per-address", max_connections_per_address,
                    "Connections from one client address at once (0: a quarter of --max-connections; a proxy on "
                    "this machine is one address)")
      ->capture_default_str();

  std::string public_url;
  serve->add_option("--public-url", public_url,
                    "The address readers use (https://... makes cookies Secure; links in messages use it); "
                    "default http://LISTEN");

  auto* users = app.add_subcommand("users", "Accounts: add, role, critic, reset-link, list");
  users->require_subcommand(1);
  std::string user_name, user_role = "reader", user_email, user_critic;
  std::string link_base = "http://127.0.0.1:8080";
  bool password_stdin = false;
  auto* users_add = users->add_subcommand("add", "Create an account; prints a link to choose its password");
  users_add->add_option("name", user_name, "Username")->required();
  users_add->add_option("--role", user_role, "reader, critic, editor or admin")->capture_default_str();
  users_add->add_option("--email", user_email, "Email address");
  users_add->add_flag("--password-stdin", password_stdin, "Read the password from the first line of stdin");
  users_add->add_option("--public-url", link_base, "The site's address, for the link")->capture_default_str();
  add_db(users_add);
  auto* users_role = users->add_subcommand("role", "Set an account's role");
  users_role->add_option("name", user_name, "Username")->required();
  users_role->add_option("role", user_role, "reader, critic, editor or admin")->required();
  add_db(users_role);
  auto* users_critic = users->add_subcommand("critic", "Link the critic profile an account posts as, made if new (\"\" unlinks)");
  users_critic->add_option("name", user_name, "Username")->required();
  users_critic->add_option("critic", user_critic, "Critic slug")->required();
  std::string critic_name, critic_publication;
  users_critic->add_option("--name", critic_name, "The name readers see (needed for a new profile)");
  users_critic->add_option("--publication", critic_publication, "The profile's publication, made if new");
  add_db(users_critic);
  auto* users_reset = users->add_subcommand("reset-link", "Print a one-time password-reset link (also put in the outbox)");
  users_reset->add_option("name", user_name, "Username")->required();
  users_reset->add_option("--public-url", link_base, "The site's address, for the link")->capture_default_str();
  add_db(users_reset);
  auto* users_list = users->add_subcommand("list", "One line per account: id, username, role, email, created");
  add_db(users_list);

  auto* verify = app.add_subcommand("verify", "Verified viewers: import codes");
  verify->require_subcommand(1);
  std::string codes_path;
  auto* verify_import = verify->add_subcommand(
      "import", "Import verification codes: one CODE<TAB>TITLE-ADDRESS per line (one transaction)");
  verify_import->add_option("file", codes_path, "The codes file")->required();
  add_db(verify_import);

  auto* titles = app.add_subcommand("titles", "Titles: rename");
  titles->require_subcommand(1);
  std::string title_which, title_name;
  int title_year = 0;
  auto* titles_rename = titles->add_subcommand(
      "rename", "Name a film or series (an untitled import such as \"RT movie 5\" is listed once named); "
                "its address stays");
  titles_rename->add_option("title", title_which, "The title: its page's address (/m/rt-5, /tv/SLUG) or its slug")
      ->required();
  titles_rename->add_option("name", title_name, "The new name")->required();
  titles_rename->add_option("--year", title_year, "The release year (kept when the stored date is in that year)");
  add_db(titles_rename);

  auto* init = app.add_subcommand("init", "Create the store (applying migrations); --demo loads the demo catalog");
  bool demo = false;
  add_db(init);
  init->add_flag("--demo", demo, "Load the demo catalog (loading it again changes nothing)");

  auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations and print the version");
  add_db(migrate);

  auto* exporter = app.add_subcommand("export", "Write the whole store as reel-json to stdout (lossless)");
  add_db(exporter);

  auto* importer = app.add_subcommand(
      "import", "Import FORMAT PATH... into the store in one transaction (formats: movielens, rt-movies, "
                "rt-reviews, episodes-csv, tvmaze, imdb, reel-json)");
  std::string import_format;
  std::vector<std::string> import_paths;
  reel::ingest::ImportOptions import_options;
  importer->add_option("format", import_format,
                       "movielens, rt-movies, rt-reviews, episodes-csv, tvmaze, imdb or reel-json")
      ->required();
  importer->add_option("paths", import_paths, "Files (or directories) to import")->required();
  importer->add_option("--skip-bad-rows", import_options.rejects_path,
                       "Import the good rows and write each bad row with its reason to this TSV file "
                       "(without it the first bad row stops the import and changes nothing)");
  importer->add_option("--series", import_options.series_name, "The series an episodes-csv file belongs to");
  add_db(importer);

  auto* stats = app.add_subcommand("stats", "Print one name=count line per entity");
  add_db(stats);

  auto* grade = app.add_subcommand("grade", "Normalise critic grades: GRADE... or one per line on stdin");
  std::vector<std::string> grades;
  std::string publication, eval_rt, eval_train;
  grade->add_option("grades", grades, "Grades as written (\"3/5\", \"B+\", \"★★★½\")");
  grade->add_option("--publication", publication, "Publication slug whose history gives bare numbers a scale (needs --db)");
  grade->add_option("--eval-rt", eval_rt, "Evaluate on a file in the rt.reviews.tsv[.gz] layout and print one summary line "
                  "(5-fold cross-validation by movie inside the file)");
  grade->add_option("--train", eval_train,
                    "With --eval-rt: learn from this file instead, evaluate on the --eval-rt file, and print "
                    "a line for each mode (mode=train-test, mode=cross-validation)");
  add_db(grade);

  auto* score = app.add_subcommand("score", "Score maintenance: --recompute re-derives grades and verdicts, rebuilds aggregates, reports drift");
  bool recompute = false;
  score->add_flag("--recompute", recompute,
                  "Normalise every grade (bare numbers by publication), derive unlabelled verdicts, "
                  "rebuild every title's aggregates and report drift");
  add_db(score);

  CLI11_PARSE(app, argc, argv);
  reel::InstallLogFormat();
  if (serve->parsed()) {
    return Serve(db, listen, threads, page_cache_mb, audit_interval, public_url,
                 guest_comments ? reel::web::GuestComments::kOn : reel::web::GuestComments::kOff, max_connections,
                 max_connections_per_address);
  }
  if (users_add->parsed()) return UsersAdd(db, user_name, user_role, user_email, password_stdin, link_base);
  if (users_role->parsed()) return UsersRole(db, user_name, user_role);
  if (users_critic->parsed()) return UsersCritic(db, user_name, user_critic, critic_name, critic_publication);
  if (users_reset->parsed()) return UsersResetLink(db, user_name, link_base);
  if (users_list->parsed()) return UsersList(db);
  if (verify_import->parsed()) return VerifyImport(db, codes_path);
  if (titles_rename->parsed()) return TitlesRename(db, title_which, title_name, title_year);
  if (init->parsed() || migrate->parsed()) return Init(db, demo);
  if (stats->parsed()) return Stats(db);
  if (exporter->parsed()) return Export(db);
  if (importer->parsed()) return Import(import_format, import_paths, db, import_options);
  if (grade->parsed()) return Grade(grades, publication, db, eval_rt, eval_train);
  if (score->parsed()) return Score(db, recompute);
  return 0;
}
