#include "ingest/record_stream.h"

#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

class RecordStreamTest : public IngestTest {
 protected:
  // Every record of a file, or the error.
  Result<std::vector<std::vector<std::string>>> All(const std::string& path, char delimiter = ',',
                                                    Quoting quoting = Quoting::kRfc4180) {
    auto in = RecordStream::Open(path, delimiter, quoting);
    if (!in.ok()) return in.status();
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> f;
    while (true) {
      auto got = (*in)->Next(&f);
      if (!got.ok()) return got.status();
      if (!*got) break;
      if (auto bad = (*in)->BadField()) return InvalidArgument("field " + std::to_string(bad->first) + ": " + bad->second);
      out.push_back(f);
    }
    return out;
  }
};

using Rows = std::vector<std::vector<std::string>>;

TEST_F(RecordStreamTest, QuotedFieldsLineBreaksAndCrlf) {
  auto rows = All(Write("a.csv", "a,\"b,\"\"c\"\"\",d\r\n\"multi\r\nline\",x,\r\n\r\nlast,row,here"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Rows{{"a", "b,\"c\"", "d"}, {"multi\nline", "x", ""}, {"last", "row", "here"}}));
}

TEST_F(RecordStreamTest, LinesCountedAcrossQuotedLineBreaks) {
  auto in = RecordStream::Open(Write("a.csv", "h1,h2\n\"a\nb\nc\",d\ne,f\n"), ',', Quoting::kRfc4180);
  ASSERT_TRUE(in.ok());
  std::vector<std::string> f;
  ASSERT_TRUE(*(*in)->Next(&f));
  EXPECT_EQ((*in)->line(), 1);
  ASSERT_TRUE(*(*in)->Next(&f));
  EXPECT_EQ((*in)->line(), 2);
  ASSERT_TRUE(*(*in)->Next(&f));
  EXPECT_EQ((*in)->line(), 5);
  EXPECT_EQ(f, (std::vector<std::string>{"e", "f"}));
}

TEST_F(RecordStreamTest, NoQuotingKeepsQuotes) {
  auto rows = All(Write("a.tsv", "tt1\t\"Weird\" Al\t\\N\n"), '\t', Quoting::kNone);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"tt1", "\"Weird\" Al", "\\N"}}));
}

TEST_F(RecordStreamTest, GzipIsDetectedAndRecordsSpanChunks) {
  // Longer than one 1 MiB read buffer, with a quoted field crossing its end.
  std::string text = "id,text\n";
  for (int i = 0; i < 40000; ++i) text += std::to_string(i) + ",\"row " + std::to_string(i) + ", \"\"quoted\"\"\"\n";
  auto rows = All(WriteGzip("big.csv.gz", text));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 40001u);
  EXPECT_EQ((*rows)[40000], (std::vector<std::string>{"39999", "row 39999, \"quoted\""}));
}

TEST_F(RecordStreamTest, TruncatedGzipIsAnErrorWithTheLine) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + ",some text to compress " + std::to_string(i * 7) + "\n";
  const std::string whole = Read(WriteGzip("t.csv.gz", text));
  auto rows = All(Write("cut.csv.gz", whole.substr(0, whole.size() / 2)));
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("cut.csv.gz:"), std::string::npos) << rows.status().message();
  EXPECT_NE(rows.status().message().find("ends early"), std::string::npos) << rows.status().message();
}

TEST_F(RecordStreamTest, Latin1IsDetectedAndStoredAsUtf8) {
  auto in = RecordStream::Open(Write("l.csv", "name\nMis\xe9rables\ncaf\xe9 \x93quoted\x94\n"), ',', Quoting::kRfc4180);
  ASSERT_TRUE(in.ok());
  std::vector<std::string> f;
  ASSERT_TRUE(*(*in)->Next(&f));
  ASSERT_TRUE(*(*in)->Next(&f));
  EXPECT_EQ(f[0], "Misérables");
  ASSERT_TRUE(*(*in)->Next(&f));
  EXPECT_EQ(f[0], "café \u201cquoted\u201d");  // Windows-1252 quotes.
  EXPECT_EQ((*in)->encoding(), TextEncoding::kLatin1);
}

TEST_F(RecordStreamTest, Utf8WithBomAndLaterInvalidByteNamesTheField) {
  auto in = RecordStream::Open(Write("u.csv", "\xEF\xBB\xBFid,name\n1,Léon\n2,bad\xff\n"), ',', Quoting::kRfc4180);
  ASSERT_TRUE(in.ok());
  std::vector<std::string> f;
  ASSERT_TRUE(*(*in)->Next(&f));
  EXPECT_EQ(f[0], "id");  // The byte-order mark is gone.
  ASSERT_TRUE(*(*in)->Next(&f));
  EXPECT_EQ(f[1], "Léon");
  EXPECT_FALSE((*in)->BadField());
  ASSERT_TRUE(*(*in)->Next(&f));
  ASSERT_TRUE((*in)->BadField());
  EXPECT_EQ((*in)->BadField()->first, 1u);
  EXPECT_NE((*in)->BadField()->second.find("not valid UTF-8"), std::string::npos);
}

TEST_F(RecordStreamTest, Utf16IsRefused) {
  auto rows = All(Write("w.csv", std::string("\xFF\xFEi\0d\0", 6)));
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("UTF-16"), std::string::npos);
}

TEST_F(RecordStreamTest, UnclosedQuoteNamesItsLine) {
  auto rows = All(Write("q.csv", "a,b\n1,\"never\nclosed\n"));
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("q.csv:2: unclosed quote: a quoted field"), std::string::npos) << rows.status().message();
}

TEST_F(RecordStreamTest, MissingFileIsNotFound) {
  auto in = RecordStream::Open(Path("absent.csv"), ',', Quoting::kRfc4180);
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().code(), StatusCode::kNotFound);
}

TEST(Windows1252Test, MapsHighBytes) {
  EXPECT_EQ(Windows1252ToUtf8("\x80\xa0\xe9\xff"), "\u20ac\u00a0\u00e9\u00ff");
  EXPECT_EQ(Utf8Problem("ok \xc3\xa9"), "");
  EXPECT_NE(Utf8Problem("\xc0\xaf"), "");  // Overlong.
  EXPECT_NE(Utf8Problem("\xed\xa0\x80"), "");  // Surrogate.
}

}  // namespace
}  // namespace reel::ingest
