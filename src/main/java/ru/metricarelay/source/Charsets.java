package ru.metricarelay.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;

import ru.metricarelay.answer.RelayProblem;

/**
 * The charset a webhook declares (docs/security.md): UTF-8 unless a form says otherwise. A form may come in
 * windows-1251 or KOI8-R, as older Russian systems send them, and is read in that charset (its %XX escapes
 * too); any other charset is refused with 415 rather than read as UTF-8 into mojibake. JSON is UTF-8 only
 * (RFC 8259). Whatever the charset, text that does not decode is 400, never U+FFFD.
 */
final class Charsets {

    /** What a form may declare besides UTF-8 (and US-ASCII, a part of it): the Cyrillic charsets in use. */
    static final Set<String> FORM_CHARSETS = Set.of("windows-1251", "KOI8-R");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Charsets() {
    }

    /** The Content-Type's charset parameter; UTF-8 when there is none; 415 for one the relay does not read. */
    static Charset declared(String contentType) {
        String name = parameter(contentType, "charset");
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            throw unsupported(name);
        }
        if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
            return StandardCharsets.UTF_8;
        }
        if (!FORM_CHARSETS.contains(charset.name())) {
            throw unsupported(name);
        }
        return charset;
    }

    /** JSON is UTF-8 (RFC 8259): a JSON body that declares another charset is refused. */
    static void checkJson(Charset charset) {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            throw RelayProblem.unsupportedMediaType("a JSON body is UTF-8 (RFC 8259); charset=" + charset.name() + " is not accepted");
        }
    }

    /** The body as text in its charset; 400 for bytes that are not text in it. */
    static String text(byte[] body, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return Utf8.text(body, 0, body.length, "the body");
        }
        return decode(body, 0, body.length, charset, "the body");
    }

    /**
     * A form in another charset as the same form in UTF-8, for {@link FormBody}: each run of %XX escapes is read in
     * that charset and written back as UTF-8 escapes; everything else is already text. A rare path, so plain.
     */
    static String formInUtf8(String text, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8) || text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        byte[] run = new byte[text.length() / 3 + 1];
        int i = 0;
        while (i < text.length()) {
            int n = 0;
            while (i + 2 < text.length() && text.charAt(i) == '%' && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                run[n++] = (byte) (hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 3;
            }
            if (n == 0) {
                out.append(text.charAt(i++));
                continue;
            }
            for (byte b : decode(run, 0, n, charset, "a percent-encoded form value").getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static String decode(byte[] bytes, int from, int length, Charset charset, String what) {
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, length));
            return chars.toString();
        } catch (CharacterCodingException notText) {
            throw RelayProblem.badRequest(what + " is not valid " + charset.name());
        }
    }

    /** A parameter of a header value such as {@code application/x-www-form-urlencoded; charset="windows-1251"}. */
    static String parameter(String headerValue, String name) {
        if (headerValue == null) {
            return null;
        }
        String[] parts = headerValue.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals(name)) {
                String value = pair[1].trim();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private static RelayProblem unsupported(String name) {
        String shown = name.replaceAll("[^\\w.:+-]", "?");
        return RelayProblem.unsupportedMediaType("charset " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown)
                + " is not accepted; send UTF-8 (a form may also be windows-1251 or KOI8-R)");
    }

    private static int hex(char c) {
        return FormBody.hex(c);
    }
}
