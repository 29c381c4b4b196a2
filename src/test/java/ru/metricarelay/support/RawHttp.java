package ru.metricarelay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Sends bodies byte for byte as a webhook sender would (RestAssured re-encodes form bodies).
 * Every answer is checked for leaked secrets and personal data, like {@link Leaks} does.
 */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RawHttp() {
    }

    public record Answer(int status, String contentType, String body) {
    }

    public static Answer send(String baseUrl, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "") + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response;
            try {
                response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException closedWhileIdle) {
                // a pooled keep-alive connection the relay closed by its idle timeout just as it was reused
                // (HardeningTest sets 1 s): the request never reached the relay, so send it once more
                response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            Answer answer = new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body());
            Leaks.assertClean(answer.body());
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
