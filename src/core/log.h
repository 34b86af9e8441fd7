// Writing to the log safely: what readers type and what a request carries goes into
// log lines, so it must not be able to start a line of its own, close a quote the
// line opened, or put a secret into the log.
//
// LogText() is the one escaping rule: control characters, DEL, quotes, backslashes
// and bytes that are not UTF-8 become \xNN. InstallLogFormat() makes every line the
// process writes through spdlog escape control characters in its message as well,
// so a value logged without LogText() still cannot forge a line. Pure functions
// apart from InstallLogFormat (call it once at start, before other threads log).
#pragma once

#include <string>
#include <string_view>

namespace reel {

// `text` with control characters (and DEL), '"', '\'', '\\' and bytes that are not
// part of well-formed UTF-8 written as \xNN; everything else as it is.
std::string LogText(std::string_view text);

// Sets spdlog's pattern: "[time] [level] message", the message with its control
// characters escaped as LogText() does (quotes stay, so format strings keep theirs).
void InstallLogFormat();

}  // namespace reel
