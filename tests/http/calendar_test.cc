// The calendar over HTTP on both stores, with the real binary and the demo catalog:
// the season page's release date and its history, editors recording dates through
// the form and the API (readers refused), /calendar by week and time zone with its
// filters and clear 400s, the feeds and their options, following a series (never
// without the form's token) and the personal feed's secret.
#include <nlohmann/json.hpp>

#include "site_test.h"
#include "storage/store.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

class CalendarHttpTest : public SiteTest {
 protected:
  CalendarHttpTest() : SiteTest("calendar-http") {}

  void MakeEditor(const std::string& name) {
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto user = (*store)->FindUserByName(name);
    ASSERT_TRUE(user.ok());
    ASSERT_TRUE((*store)->SetUserAccess(user->id, Role::kEditor, std::nullopt).ok());
  }
  std::string ApiToken(const std::string& name) {
    HttpSend(port(), "POST", "/api/v1/users", "",
             Json{{"username", name}, {"email", name + "@example.org"}, {"password", "a long passphrase"}}.dump());
    auto s = HttpSend(port(), "POST", "/api/v1/session", "", Json{{"username", name}, {"password", "a long passphrase"}}.dump());
    return "Authorization: Bearer " + Json::parse(s.body)["token"].get<std::string>() + "\r\n";
  }
  static std::string FormCsrf(const std::string& html, const std::string& form_id) {
    const size_t at = html.find(form_id);
    return at == std::string::npos ? "" : Browser::Csrf(html.substr(at));
  }
};

constexpr const char* kSeason2 = "/tv/star-trek-picard/s02";

TEST_P(CalendarHttpTest, SeasonPageShowsTheDateAndItsHistory) {
  auto page = HttpGet(port(), kSeason2);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Premiere: March 3, 2022"), std::string::npos);
  EXPECT_NE(page.body.find("Confirmed"), std::string::npos);
  const size_t history = page.body.find("How the date changed");
  ASSERT_NE(history, std::string::npos);
  // Newest first: the exact day, then "early 2022", each with when it was recorded.
  const size_t exact = page.body.find("March 3, 2022", history);
  const size_t early = page.body.find("early 2022", history);
  ASSERT_NE(exact, std::string::npos);
  ASSERT_NE(early, std::string::npos);
  EXPECT_LT(exact, early);
  EXPECT_NE(page.body.find("Dec 1, 2021", history), std::string::npos);
  EXPECT_NE(page.body.find("Sep 1, 2021", history), std::string::npos);
  // Readers get no form.
  EXPECT_EQ(page.body.find("release-form"), std::string::npos);
}

TEST_P(CalendarHttpTest, EditorsRecordDatesReadersCannot) {
  Browser ed(port()), reader(port());
  SignUp(ed, "edna_e");
  SignUp(reader, "rita_r");
  MakeEditor("edna_e");
  auto page = ed.Get(kSeason2);
  const std::string csrf = FormCsrf(page.body, "release-form");
  ASSERT_FALSE(csrf.empty());
  // A bad date comes back with the field named and nothing changed.
  auto bad = ed.Post(std::string(kSeason2) + "/release-date",
                     Form({{"csrf", csrf}, {"date", "2022-13-01"}, {"precision", "day"}, {"status", "confirmed"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("date: "), std::string::npos);
  EXPECT_NE(bad.body.find("2022-13-01"), std::string::npos);  // What was typed stays.
  // Without the token: refused.
  EXPECT_EQ(ed.Post(std::string(kSeason2) + "/release-date", Form({{"date", "2022-04"}, {"precision", "month"}})).status, 403);
  // A reader with a valid token of their own: refused on the server.
  const std::string reader_csrf = FormCsrf(reader.Get("/account").body, "csrf");
  EXPECT_EQ(reader.Post(std::string(kSeason2) + "/release-date",
                        Form({{"csrf", reader_csrf}, {"date", "2022-04"}, {"precision", "month"}, {"status", "announced"}}))
                .status,
            403);
  auto ok = ed.Post(std::string(kSeason2) + "/release-date",
                    Form({{"csrf", csrf}, {"date", "2022-03-03"}, {"precision", "time"}, {"time", "21:00"},
                          {"time_zone", "America/New_York"}, {"status", "released"}, {"source", "press <b>release</b>"}}));
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 400);
  auto after = HttpGet(port(), kSeason2);
  // 21:00 in New York is 02:00 UTC the next day: anonymous readers see UTC.
  EXPECT_NE(after.body.find("Premiere: March 4, 2022, 02:00 UTC"), std::string::npos);
  EXPECT_NE(after.body.find("press &lt;b&gt;release&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(after.body.find("<b>release"), std::string::npos);
  EXPECT_NE(after.body.find("early 2022"), std::string::npos);  // History kept.
}

TEST_P(CalendarHttpTest, TheApiSetsDatesForEditorsOnly) {
  const std::string reader = ApiToken("api_reader");
  const std::string editor = ApiToken("api_editor");
  MakeEditor("api_editor");
  const std::string target = "/api/v1/tv/star-trek-picard/s03/release-date";
  const std::string body = R"({"date": "2023-02", "precision": "month", "status": "confirmed"})";
  EXPECT_EQ(HttpSend(port(), "PUT", target, reader, body).status, 403);
  EXPECT_EQ(HttpSend(port(), "PUT", target, "", body).status, 401);
  auto bad = HttpSend(port(), "PUT", target, editor, R"({"date": "2023-02-10", "precision": "month"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json::parse(bad.body)["error"]["field"], "date");
  auto ok = HttpSend(port(), "PUT", target, editor, body);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto j = Json::parse(ok.body);
  EXPECT_EQ(j["release_date"]["text"], "February 2023");
  EXPECT_EQ(j["release_date"]["status"], "confirmed");
  const size_t before = j["history"].size();
  auto again = HttpSend(port(), "PUT", target, editor, R"({"date": "2023-02-16", "precision": "day", "status": "released"})");
  ASSERT_EQ(again.status, 200);
  auto history = Json::parse(HttpGet(port(), "/api/v1/tv/star-trek-picard/s03/release-dates").body);
  EXPECT_EQ(history["history"].size(), before + 1);
  EXPECT_EQ(history["release_date"]["text"], "February 16, 2023");
  // Ids are never given twice: each statement has its own, increasing.
  EXPECT_LT(history["history"][before - 1]["id"].get<int64_t>(), history["history"][before]["id"].get<int64_t>());
}

TEST_P(CalendarHttpTest, CalendarWeekInTheReadersZone) {
  // Week 2022-W09 (Feb 28 to Mar 6) holds the season 2 premiere on Thursday.
  auto week = HttpGet(port(), "/calendar?week=2022-W09&tz=Europe/Paris");
  ASSERT_EQ(week.status, 200);
  EXPECT_NE(week.body.find("Star Trek: Picard - S02E01"), std::string::npos);
  EXPECT_NE(week.body.find("Thursday, March 3, 2022"), std::string::npos);
  EXPECT_NE(week.body.find("<option selected>Europe/Paris</option>"), std::string::npos);
  EXPECT_NE(week.body.find("week=2022-W10&amp;tz=Europe/Paris"), std::string::npos);  // Next week, same zone.
  // Without a week: a redirect to this week's stable address.
  auto now = HttpGet(port(), "/calendar?tz=Asia/Tokyo");
  EXPECT_EQ(now.status, 302);
  EXPECT_NE(now.Header("location").find("/calendar?week="), std::string::npos);
  EXPECT_NE(now.Header("location").find("tz=Asia/Tokyo"), std::string::npos);
  // Films only: no episodes.
  auto films = HttpGet(port(), "/calendar?week=2022-W09&tz=UTC&type=film");
  EXPECT_EQ(films.body.find("S02E01"), std::string::npos);
  // Premieres only: episode 1, not episode 2 (week 10).
  EXPECT_EQ(HttpGet(port(), "/calendar?week=2022-W10&tz=UTC&premieres=1").body.find("S02E02"), std::string::npos);
  EXPECT_NE(HttpGet(port(), "/calendar?week=2022-W10&tz=UTC").body.find("S02E02"), std::string::npos);
}

TEST_P(CalendarHttpTest, BadCalendarParametersAreClear400s) {
  for (const std::string& q : {"week=2022-W54", "week=banana", "week=2022-W00", "tz=Mars/Base", "tz=../../etc/passwd",
                               "week=2022-W09&type=radio", "week=2022-W09&premieres=yes"}) {
    auto r = HttpGet(port(), "/calendar?" + q);
    EXPECT_EQ(r.status, 400) << q;
    const std::string field = q.substr(q.rfind('&') + 1, q.rfind('=') - q.rfind('&') - 1);
    EXPECT_NE(r.body.find(field + ":"), std::string::npos) << q;
  }
  EXPECT_EQ(HttpGet(port(), "/calendar?week=2022-W09&follows=1").status, 403);  // Signed in only.
  for (const std::string& q : {"pastDays=-1", "pastDays=abc", "futureDays=100000", "premieresOnly=maybe", "asAllDay=2",
                               "type=radio"}) {
    auto r = HttpGet(port(), "/calendar.ics?" + q);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_NE(r.body.find(q.substr(0, q.find('=')) + ":"), std::string::npos) << r.body;
  }
  EXPECT_EQ(HttpGet(port(), "/tv/no-such-series/calendar.ics").status, 404);
}

TEST_P(CalendarHttpTest, SeriesFeedListsEveryDatedEpisode) {
  auto feed = HttpGet(port(), "/tv/star-trek-picard/calendar.ics");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.Header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(Count(feed.body, "BEGIN:VEVENT"), 30);
  EXPECT_NE(feed.body.find("SUMMARY:Star Trek: Picard - S02E02 - Penance\r\n"), std::string::npos);
  EXPECT_NE(feed.body.find("DTSTART;VALUE=DATE:20220310\r\nDTEND;VALUE=DATE:20220311\r\n"), std::string::npos);
  EXPECT_NE(feed.body.find("X-WR-CALNAME:reel: Star Trek: Picard\r\n"), std::string::npos);
  // The same title has the same UID in every feed.
  const size_t at = feed.body.find("UID:");
  const std::string uid = feed.body.substr(at, feed.body.find("\r\n", at) - at);
  EXPECT_NE(HttpGet(port(), "/tv/star-trek-picard/calendar.ics?asAllDay=true").body.find(uid), std::string::npos);
}

TEST_P(CalendarHttpTest, FollowNeedsTheFormTokenAndFeedsTheSecretFeed) {
  Browser ann(port()), bob(port());
  SignUp(ann, "ann_f");
  SignUp(bob, "bob_f");
  auto series = ann.Get("/tv/star-trek-picard");
  const std::string csrf = FormCsrf(series.body, "/tv/star-trek-picard/follow");
  ASSERT_FALSE(csrf.empty());
  // Without the token (a cross-site form): refused, nothing followed.
  EXPECT_EQ(ann.Post("/tv/star-trek-picard/follow", Form({{"follow", "1"}})).status, 403);
  EXPECT_EQ(ann.Get("/account").body.find("href=\"/tv/star-trek-picard\""), std::string::npos);
  // Anonymous: sent to sign in.
  EXPECT_EQ(HttpSend(port(), "POST", "/tv/star-trek-picard/follow", "", "follow=1").status, 303);
  ASSERT_EQ(ann.Post("/tv/star-trek-picard/follow", Form({{"csrf", csrf}, {"follow", "1"}})).status, 303);
  auto account = ann.Get("/account");
  EXPECT_NE(account.body.find("href=\"/tv/star-trek-picard\""), std::string::npos);
  EXPECT_NE(ann.Get("/tv/star-trek-picard").body.find("Unfollow"), std::string::npos);
  // The personal feed: its address is shown once; only its hash is stored.
  auto made = ann.Post("/account/calendar", Form({{"csrf", FormCsrf(account.body, "reset_feed")}, {"action", "reset_feed"}}));
  ASSERT_EQ(made.status, 200);
  const size_t at = made.body.find("/calendar/feed/");
  ASSERT_NE(at, std::string::npos);
  const std::string path = made.body.substr(at, made.body.find('"', at) - at);
  auto feed = HttpGet(port(), path);
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find("X-WR-CALNAME:reel: series I follow"), std::string::npos);
  EXPECT_EQ(feed.Header("cache-control"), "private, no-cache");
  // Another reader's (or a guessed) secret is useless; the old one stops at a reset.
  EXPECT_EQ(HttpGet(port(), "/calendar/feed/" + std::string(64, 'a') + ".ics").status, 404);
  std::string other = path;
  other[other.size() - 5] = other[other.size() - 5] == '0' ? '1' : '0';  // One hex digit changed.
  EXPECT_EQ(HttpGet(port(), other).status, 404);
  EXPECT_EQ(server_->Log().find(path.substr(15, 64)), std::string::npos);  // Never logged.
  auto again = ann.Post("/account/calendar",
                        Form({{"csrf", FormCsrf(ann.Get("/account").body, "reset_feed")}, {"action", "reset_feed"}}));
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(HttpGet(port(), path).status, 404);
  // Unfollow.
  ASSERT_EQ(ann.Post("/tv/star-trek-picard/follow", Form({{"csrf", csrf}, {"follow", "0"}})).status, 303);
  EXPECT_EQ(ann.Get("/account").body.find("href=\"/tv/star-trek-picard\""), std::string::npos);
  // Bob's feed form without a token does nothing.
  EXPECT_EQ(bob.Post("/account/calendar", Form({{"action", "reset_feed"}})).status, 403);
}

TEST_P(CalendarHttpTest, EpisodeGuideMarksUpcomingSeasons) {
  const std::string editor = ApiToken("guide_editor");
  MakeEditor("guide_editor");
  // Season 3 moved back to "late 2099" by an editor: its episodes' own dates stay,
  // the season is listed as upcoming.
  ASSERT_EQ(HttpSend(port(), "PUT", "/api/v1/tv/star-trek-picard/s03/release-date", editor,
                     R"({"date": "2099", "precision": "late", "status": "rumoured"})").status,
            200);
  auto guide = HttpGet(port(), "/tv/star-trek-picard/episodes");
  ASSERT_EQ(guide.status, 200);
  EXPECT_NE(guide.body.find("Premiere: <strong>late 2099</strong>"), std::string::npos);
  auto series = HttpGet(port(), "/tv/star-trek-picard");
  EXPECT_NE(series.body.find("When will Season 3 be released?"), std::string::npos);
  EXPECT_NE(series.body.find("late 2099"), std::string::npos);
  EXPECT_NE(series.body.find("Rumoured"), std::string::npos);
  // Coarse dates stay out of feeds and show on /calendar as expected.
  ASSERT_EQ(HttpSend(port(), "PUT", "/api/v1/m/arrival/release-date", editor,
                     R"({"date": "2099-08", "precision": "month"})").status,
            200);
  auto week = HttpGet(port(), "/calendar?week=2099-W33&tz=UTC");
  EXPECT_NE(week.body.find("Expected around this week"), std::string::npos);
  EXPECT_NE(week.body.find(">Arrival</a>: August 2099"), std::string::npos);
  EXPECT_EQ(HttpGet(port(), "/calendar.ics?type=film&pastDays=366&futureDays=731").body.find("Arrival"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Stores, CalendarHttpTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
