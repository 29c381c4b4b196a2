package ru.metricarelay.http;

import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.Digits;

/**
 * Reads a webhook body with relay.max-body-size as the limit, whether its length is announced
 * (Content-Length) or not (chunked): past the limit the read stops and the sender gets 413
 * problem+json at once — Quarkus' own 2 MiB stop would answer an empty 413 and then fail our
 * answer with an error log line that shows the path and its secret (docs/security.md).
 */
final class WebhookBody {

    private WebhookBody() {
    }

    static Uni<byte[]> read(HttpServerRequest request, long max) {
        String announced = request.getHeader("Content-Length");
        announced = announced == null ? null : announced.trim();
        if (announced != null && Digits.only(announced, 1, 18) && Long.parseLong(announced) > max) {
            return Uni.createFrom().failure(tooLarge(max));
        }
        if (request.isEnded()) {
            return Uni.createFrom().item(new byte[0]);
        }
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer();
            AtomicBoolean over = new AtomicBoolean();
            request.handler(chunk -> {
                if (over.get()) {
                    return; // the answer is on its way; what still arrives is dropped
                }
                if (body.length() + chunk.length() > max) {
                    over.set(true);
                    emitter.fail(tooLarge(max));
                } else {
                    body.appendBuffer(chunk);
                }
            });
            request.exceptionHandler(emitter::fail);
            request.endHandler(end -> {
                if (!over.get()) {
                    emitter.complete(body.getBytes());
                }
            });
            request.resume();
        });
    }

    private static RelayProblem tooLarge(long max) {
        return RelayProblem.tooLarge("the body is larger than " + max + " bytes, the most accepted");
    }
}
