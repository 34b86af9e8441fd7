// /admin/moderation: the editors' queue. Pending comments and reviews, reported
// items, ratings the review-bombing guard holds and what the filter hid as spam,
// each with the filter's probability and reasons; an editor approves, marks spam,
// deletes, counts or removes, and each decision retrains the spam model
// (audience/moderation.h). Editors and admins only: other readers get 403, anonymous
// ones the sign-in page. Stateless handlers; any thread.
#include <cstdio>
#include <map>
#include <optional>

#include "audience/accounts.h"
#include "audience/comments.h"
#include "audience/moderation.h"
#include "storage/store.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/html/blocks/score_views.h"

namespace reel::web::pages {
namespace {

constexpr int kQueueShown = 50;
constexpr const char* kModerationPath = "/admin/moderation";

struct ActionLabel {
  const char* value;
  const char* label;
};
constexpr ActionLabel kPostActions[] = {{"approve", "Approve"}, {"spam", "Mark spam"}, {"delete", "Delete"}};
constexpr ActionLabel kHeldActions[] = {{"count", "Count it"}, {"remove", "Remove"}};

template <size_t N>
View Actions(const ActionLabel (&actions)[N]) {
  View list = View::MakeList();
  for (const auto& a : actions) list.Push(View().Set("value", a.value).Set("label", a.label));
  return list;
}

View ReasonsView(const std::string& joined) {
  View list = View::MakeList();
  size_t pos = 0;
  while (pos < joined.size()) {
    size_t end = joined.find("; ", pos);
    if (end == std::string::npos) end = joined.size();
    list.Push(View().Set("text", joined.substr(pos, end - pos)));
    pos = end + 2;
  }
  return list;
}

std::string Probability(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", p);
  return buf;
}

// "2026-12-02T02:10:55Z" as "2026-12-02 02:10 UTC"; a bare date as it is.
std::string When(const std::string& stamp) {
  if (stamp.size() < 16 || stamp[10] != 'T') return stamp;
  return stamp.substr(0, 10) + " " + stamp.substr(11, 5) + " UTC";
}

// Where a comment or review was written: its page and what readers call it ("Star
// Trek: Picard, Season 1", "Star Trek: Picard S02E02: Penance", "Logan", an
// article's headline). Each title is read from the store once per page.
struct Place {
  std::string name;
  std::string path;
};

class Places {
 public:
  explicit Places(Store& store) : store_(store) {}

  Place Of(const CommentThread& thread) {
    const std::string path = ThreadPath(store_, thread);
    if (thread.title_id == 0) {
      auto a = store_.GetArticle(thread.article_id);
      return {a.ok() ? a->headline : path, path};
    }
    const Title* t = Get(thread.title_id);
    if (!t) return {path, path};
    const Title* parent = t->parent_id ? Get(t->parent_id) : nullptr;
    const Title* grandparent = parent && parent->parent_id ? Get(parent->parent_id) : nullptr;
    if (t->kind == TitleKind::kSeason) return {TitleDisplayName(*t, nullptr, parent), path};
    return {TitleDisplayName(*t, parent, grandparent), path};
  }

 private:
  const Title* Get(Id id) {
    auto it = titles_.find(id);
    if (it == titles_.end()) {
      auto t = store_.GetTitle(id);
      it = titles_.emplace(id, t.ok() ? std::optional<Title>(*t) : std::nullopt).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  Store& store_;
  std::map<Id, std::optional<Title>> titles_;
};

std::string ReviewerName(const AudienceReviewRow& r) {
  if (r.username.empty()) return "Deleted user";
  return r.display_name.empty() ? r.username : r.display_name;
}

View ItemView(Places& places, const ModerationRow& row) {
  View v;
  if (row.comment) {
    const Comment& c = row.comment->comment;
    v.Set("kind", "comment");
    v.Set("kind_label", c.parent_id ? "Reply" : "Comment");
    v.Set("id", std::to_string(c.id));
    v.Set("author", c.user_id == 0 ? c.guest_name + " (guest)"
                    : row.comment->username.empty() ? "Deleted user"
                                                    : row.comment->username);
    v.Set("paragraphs", ParagraphsView(c.body));
    v.Set("status", ModerationStatusName(c.status));
    v.Set("when", When(c.created_at));
    v.Set("when_iso", c.created_at);
    const Place where = places.Of(c.thread);
    v.Set("where", where.name);
    v.Set("where_href", where.path + "#comment-" + std::to_string(c.id));
  } else {
    const Rating& r = row.review->rating;
    v.Set("kind", "review");
    v.Set("kind_label", "Audience review");
    v.Set("id", std::to_string(r.id));
    v.Set("author", ReviewerName(*row.review));
    v.Set("stars", StarsNumber(r.stars));
    v.Set("paragraphs", ParagraphsView(r.review));
    v.Set("status", ModerationStatusName(r.review_status));
    v.Set("when", When(r.created_at));
    v.Set("when_iso", r.created_at);
    const Place where = places.Of(CommentThread{0, r.title_id});
    v.Set("where", where.name);
    v.Set("where_href", where.path + "#audience-reviews");
  }
  if (row.check.id != 0) {
    v.Set("probability", Probability(row.check.probability));
    v.Set("reasons", ReasonsView(row.check.reasons));
    v.Set("label", row.check.label);
  }
  v.Set("reports", row.open_reports ? Plural(row.open_reports, "time", "times") : "");
  v.Set("report_reasons", row.report_reasons);
  v.Set("actions", Actions(kPostActions));
  return v;
}

}  // namespace

HttpResponse Moderation(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, std::string("/account/signin?next=") + kModerationPath);
  if (!audience::CanModerate(viewer->user)) return ErrorPage(PermissionDenied("moderation: editors and admins only"));
  View sections = View::MakeList();
  struct Queue {
    Store::ModerationQueue queue;
    const char* id;
    const char* heading;
    const char* empty;
  };
  const Queue queues[] = {
      {Store::ModerationQueue::kPending, "pending", "Awaiting moderation", "Nothing is waiting."},
      {Store::ModerationQueue::kReported, "reported", "Reported by readers", "No open reports."},
      {Store::ModerationQueue::kSpam, "spam", "Hidden as spam", "Nothing was hidden."},
  };
  int waiting = 0;
  Places places(site.store());
  for (const auto& q : queues) {
    auto rows = site.store().ListModerationQueue(q.queue, kQueueShown);
    if (!rows.ok()) return ErrorPage(rows.status());
    View items = View::MakeList();
    for (const auto& row : *rows) items.Push(ItemView(places, row));
    if (q.queue != Store::ModerationQueue::kSpam) waiting += static_cast<int>(rows->size());
    sections.Push(View().Set("id", q.id).Set("heading", q.heading).Set("empty_text", q.empty)
                      .Set("empty", rows->empty()).Set("count", std::to_string(rows->size()))
                      .Set("items", std::move(items)));
    if (q.queue == Store::ModerationQueue::kReported) {
      // Held ratings come after reports: they weigh on scores, not on readers.
      auto held = site.store().ListHeldRatings(kQueueShown);
      if (!held.ok()) return ErrorPage(held.status());
      View hitems = View::MakeList();
      for (const auto& h : *held) {
        const Place where = places.Of(CommentThread{0, h.rating.title_id});
        hitems.Push(View()
                        .Set("kind", "held")
                        .Set("kind_label", "Held rating")
                        .Set("id", std::to_string(h.rating.id))
                        .Set("author", ReviewerName(h))
                        .Set("stars", StarsNumber(h.rating.stars))
                        .Set("paragraphs", ParagraphsView(h.rating.review))
                        .Set("when", When(h.rating.created_at))
                        .Set("when_iso", h.rating.created_at)
                        .Set("where", where.name)
                        .Set("where_href", where.path)
                        .Set("actions", Actions(kHeldActions)));
      }
      waiting += static_cast<int>(held->size());
      sections.Push(View().Set("id", "held").Set("heading", "Held by the review-bombing guard")
                        .Set("empty_text", "No ratings are held.").Set("empty", held->empty())
                        .Set("count", std::to_string(held->size())).Set("items", std::move(hitems)));
    }
  }
  View v;
  v.Set("sections", std::move(sections));
  v.Set("csrf", viewer->session.csrf_token);
  v.Set("waiting", std::to_string(waiting));
  v.Set("examples", Plural(site.spam().examples(), "decision", "decisions"));
  v.Set("flood_limits", audience::DescribeFloodLimits(audience::kFloodLimits));
  v.Set("done", !req.Query("done").empty());
  return Page(site, req, "moderation", v, {"Moderation", "", "", kModerationPath}, "no-store");
}

HttpResponse Moderate(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, std::string("/account/signin?next=") + kModerationPath);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  if (!audience::CanModerate(viewer->user)) return ErrorPage(PermissionDenied("moderation: editors and admins only"));
  const std::string kind = FormValue(form, "kind");
  const std::string action = FormValue(form, "action");
  const Id id = std::atoll(FormValue(form, "id").c_str());
  Status st;
  if (kind == "held") {
    if (action != "count" && action != "remove") return ErrorPage(InvalidArgument("action: count or remove"));
    st = audience::DecideHeldRating(site.store(), viewer->user, id,
                                    action == "count" ? audience::HeldDecision::kCount : audience::HeldDecision::kRemove);
  } else {
    auto decision = audience::ParseDecision(action);
    if (!decision || (kind != "comment" && kind != "review")) return ErrorPage(InvalidArgument("decision: no such decision"));
    st = kind == "comment" ? audience::DecideComment(site.store(), site.spam(), viewer->user, id, *decision)
                           : audience::DecideReview(site.store(), site.spam(), viewer->user, id, *decision);
  }
  if (!st.ok()) return ErrorPage(st);
  return HttpResponse::Redirect(303, std::string(kModerationPath) + "?done=" + action);
}

}  // namespace reel::web::pages
