package ru.metricarelay.source.uis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.source.Json;

/**
 * UIS fills the customer's notification template with JSON values: a text placeholder becomes a
 * quoted string, so public templates write placeholders unquoted ({@code "start_time": {{start_time}}};
 * docs/sources/uis.md). Templates written the other way give invalid JSON of two
 * shapes, both repaired here: a quoted placeholder doubles the quotes ({@code ""Иван""}, a quoted
 * list {@code "["a"]"}), and a template on a platform that does not quote leaves bare text
 * ({@code 2025-05-27 14:06:20}). What still does not parse is refused with a 422 that says how to
 * write the template — never a bare 400.
 */
final class Templates {

    private static final Pattern DOUBLED = Pattern.compile("([:\\[,]\\s*)\"\"((?:[^\"\\\\\\n]|\\\\.)*)\"\"(?=\\s*[,}\\]])");
    private static final Pattern QUOTED_LIST = Pattern.compile("(:\\s*)\"(\\[[^\\n]*?\\])\"(?=\\s*[,}])");
    /** A value after a key's colon ("key": ...) that is not quoted, a list, an object or a JSON literal. */
    private static final Pattern BARE = Pattern.compile("(\"\\s*:\\s*)([^\\s\"\\[\\]{},][^,}\\]\\n]*?)(\\s*)(?=[,}\\]])");
    private static final Pattern LITERAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|true|false|null");

    private Templates() {
    }

    /** The body with those mistakes mended; a 422 when there is nothing to mend. */
    static String repair(String body) {
        String mended = DOUBLED.matcher(body).replaceAll("$1\"$2\"");
        mended = QUOTED_LIST.matcher(mended).replaceAll("$1$2");
        Matcher bare = BARE.matcher(mended);
        StringBuilder out = new StringBuilder();
        while (bare.find()) {
            String value = bare.group(2).strip();
            String replacement = LITERAL.matcher(value).matches() ? bare.group()
                    : bare.group(1) + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" + bare.group(3);
            bare.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        mended = bare.appendTail(out).toString();
        try {
            Json.READER.readTree(mended);
            return mended;
        } catch (JacksonException stillNotJson) {
            throw advice();
        }
    }

    static RelayProblem advice() {
        return RelayProblem.unprocessable("body", "the UIS notification is not valid JSON: write every placeholder in the "
                + "template without quotes, as UIS fills in JSON values (\"start_time\": {{start_time}}, "
                + "\"tag_names\": {{tag_names}}), and keep the template itself valid JSON");
    }
}
