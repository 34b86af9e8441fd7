// `reel users ...` and `reel verify import`: accounts from the command line (the
// first admin, roles, the critic profile a critic posts as, reset links) and the
// verified viewers' codes. Passwords never go on the command line: `users add` reads
// one from stdin with --password-stdin, or prints a one-time link to choose it.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>

#include "audience/accounts.h"
#include "audience/critic_posts.h"
#include "audience/users.h"
#include "audience/verification.h"
#include "cli/commands.h"
#include "storage/store.h"

namespace reel::cli {
namespace {

struct UserFlags {
  std::string name;
  std::string role = "reader";
  std::string email;
  bool password_stdin = false;
  std::string public_url = "http://127.0.0.1:8080";  // For links.
  std::string critic;                                // users critic: the slug...
  std::string critic_name, publication;              // ...and a new profile's facts.
};

// The account named `name`; a failure names it.
Result<User> FindUser(Store& store, const std::string& name) {
  auto user = store.FindUserByName(name);
  if (!user.ok()) return user.status().WithContext("user '" + name + "': ");
  return user;
}

Status UsersAdd(const std::string& db, const UserFlags& f) {
  auto role = ParseRole(f.role);
  if (!role) return InvalidArgument("--role: '" + f.role + "' is not reader, critic, editor or admin");
  REEL_TRY(audience::ValidateUsername(f.name));
  if (!f.email.empty()) REEL_TRY(audience::ValidateEmail(f.email));
  User u;
  u.username = f.name;
  u.email = f.email;
  u.role = *role;
  if (f.password_stdin) {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    REEL_TRY(audience::ValidatePassword(password));
    REEL_ASSIGN_OR_RETURN(u.password_hash, audience::HashPassword(password));
  }
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(u.id, store->CreateUser(u));
  std::printf("user %s created (id %lld, role %s)\n", f.name.c_str(), static_cast<long long>(u.id), f.role.c_str());
  if (!f.password_stdin) {
    REEL_ASSIGN_OR_RETURN(const std::string link, audience::RequestPasswordReset(*store, u, f.public_url));
    std::printf("choose a password at: %s\n", link.c_str());
  }
  return Status::Ok();
}

Status UsersRole(const std::string& db, const UserFlags& f) {
  auto role = ParseRole(f.role);
  if (!role) return InvalidArgument("role: '" + f.role + "' is not reader, critic, editor or admin");
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const User user, FindUser(*store, f.name));
  REEL_TRY(store->SetUserAccess(user.id, *role, std::nullopt));
  std::printf("user %s is now %s\n", user.username.c_str(), f.role.c_str());
  return Status::Ok();
}

// The critic profile `f.critic` (made when new), with the form's field names in its
// errors given as this command's options.
Result<Id> EnsureCritic(Store& store, const UserFlags& f) {
  auto critic = audience::EnsureCriticProfile(store, {f.critic, f.critic_name, f.publication});
  if (critic.ok()) return critic;
  std::string message = critic.status().message();
  for (const auto& [field, option] : {std::pair<std::string, std::string>{"critic_name:", "--name:"},
                                      {"publication:", "--publication:"}}) {
    if (message.rfind(field, 0) == 0) message = option + message.substr(field.size());
  }
  return Status(critic.status().code(), message);
}

Status UsersCritic(const std::string& db, const UserFlags& f) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const User user, FindUser(*store, f.name));
  Id critic_id = 0;
  if (!f.critic.empty()) {
    REEL_ASSIGN_OR_RETURN(critic_id, EnsureCritic(*store, f));
  }
  REEL_TRY(store->SetUserAccess(user.id, std::nullopt, critic_id));
  std::printf("user %s posts as %s\n", user.username.c_str(), f.critic.empty() ? "(no critic)" : f.critic.c_str());
  return Status::Ok();
}

Status UsersResetLink(const std::string& db, const UserFlags& f) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const User user, FindUser(*store, f.name));
  REEL_ASSIGN_OR_RETURN(const std::string link, audience::RequestPasswordReset(*store, user, f.public_url));
  std::printf("%s\n", link.c_str());
  return Status::Ok();
}

Status UsersList(const std::string& db) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const auto users, store->ListUsers("", 1000000, 0));
  for (const auto& u : users) {
    std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(u.id), u.username.c_str(), RoleName(u.role),
                u.email.c_str(), u.created_at.c_str());
  }
  return Status::Ok();
}

Status VerifyImport(const std::string& db, const std::string& path) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const auto report, audience::ImportVerificationCodes(*store, path));
  std::printf("codes=%lld added=%lld unchanged=%lld\n", static_cast<long long>(report.lines),
              static_cast<long long>(report.added), static_cast<long long>(report.unchanged));
  return Status::Ok();
}

}  // namespace

void AddUsersCommands(Commands& c) {
  auto f = std::make_shared<UserFlags>();
  auto* users = c.app().add_subcommand("users", "Accounts: add, role, critic, reset-link, list");
  users->require_subcommand(1);
  auto* add = users->add_subcommand("add", "Create an account; prints a link to choose its password");
  add->add_option("name", f->name, "Username")->required();
  add->add_option("--role", f->role, "reader, critic, editor or admin")->capture_default_str();
  add->add_option("--email", f->email, "Email address");
  add->add_flag("--password-stdin", f->password_stdin, "Read the password from the first line of stdin");
  add->add_option("--public-url", f->public_url, "The site's address, for the link")->capture_default_str();
  c.AddDb(add);
  auto* role = users->add_subcommand("role", "Set an account's role");
  role->add_option("name", f->name, "Username")->required();
  role->add_option("role", f->role, "reader, critic, editor or admin")->required();
  c.AddDb(role);
  auto* critic = users->add_subcommand("critic", "Link the critic profile an account posts as, made if new (\"\" unlinks)");
  critic->add_option("name", f->name, "Username")->required();
  critic->add_option("critic", f->critic, "Critic slug")->required();
  critic->add_option("--name", f->critic_name, "The name readers see (needed for a new profile)");
  critic->add_option("--publication", f->publication, "The profile's publication, made if new");
  c.AddDb(critic);
  auto* reset = users->add_subcommand("reset-link", "Print a one-time password-reset link (also put in the outbox)");
  reset->add_option("name", f->name, "Username")->required();
  reset->add_option("--public-url", f->public_url, "The site's address, for the link")->capture_default_str();
  c.AddDb(reset);
  auto* list = users->add_subcommand("list", "One line per account: id, username, role, email, created");
  c.AddDb(list);
  c.On(add, [&c, f] { return ExitStatus(UsersAdd(c.db(), *f)); });
  c.On(role, [&c, f] { return ExitStatus(UsersRole(c.db(), *f)); });
  c.On(critic, [&c, f] { return ExitStatus(UsersCritic(c.db(), *f)); });
  c.On(reset, [&c, f] { return ExitStatus(UsersResetLink(c.db(), *f)); });
  c.On(list, [&c] { return ExitStatus(UsersList(c.db())); });
}

void AddVerifyCommands(Commands& c) {
  auto path = std::make_shared<std::string>();
  auto* verify = c.app().add_subcommand("verify", "Verified viewers: import codes");
  verify->require_subcommand(1);
  auto* import = verify->add_subcommand(
      "import", "Import verification codes: one CODE<TAB>TITLE-ADDRESS per line (one transaction)");
  import->add_option("file", *path, "The codes file")->required();
  c.AddDb(import);
  c.On(import, [&c, path] { return ExitStatus(VerifyImport(c.db(), *path)); });
}

}  // namespace reel::cli
