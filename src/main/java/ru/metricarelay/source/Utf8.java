package ru.metricarelay.source;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import ru.metricarelay.answer.RelayProblem;

/**
 * Webhook text is well-formed UTF-8 or refused (400): a lenient decoder turns every bad byte into U+FFFD, so two
 * different ids could become one, and an overlong form (C0 AF for '/') could pass a check made on the bytes
 * (docs/security.md). Checked by Netty's validator in place: no copy of the body, nothing allocated per byte.
 */
final class Utf8 {

    private Utf8() {
    }

    static boolean wellFormed(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] < 0) { // not ASCII: the validator's turn (one wrapper object, no copy)
                return ByteBufUtil.isText(Unpooled.wrappedBuffer(bytes, from, length), StandardCharsets.UTF_8);
            }
        }
        return true;
    }

    /** The bytes as text; a 400 naming {@code what} when they are not UTF-8. */
    static String text(byte[] bytes, int from, int length, String what) {
        if (!wellFormed(bytes, from, length)) {
            throw RelayProblem.badRequest(what + " is not valid UTF-8 (send UTF-8, or declare the form's charset)");
        }
        return new String(bytes, from, length, StandardCharsets.UTF_8);
    }
}
