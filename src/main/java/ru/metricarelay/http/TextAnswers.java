package ru.metricarelay.http;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import ru.metricarelay.answer.RelayResponse;

/**
 * A webhook answer that carries a text (SourceAdapter.textAnswer: VK's "ok" or its confirmation string) leaves as that
 * text, text/plain, instead of the relay's JSON (docs/architecture.md#answers). Setting the entity here makes Quarkus
 * REST choose the String writer instead of the JSON one it picked for the resource method.
 */
public class TextAnswers {

    static final MediaType TEXT = MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8");

    @ServerResponseFilter
    public void plainText(ContainerResponseContext response) {
        if (response.getEntity() instanceof RelayResponse answer && answer.text() != null) {
            response.setEntity(answer.text(), null, TEXT);
        }
    }
}
