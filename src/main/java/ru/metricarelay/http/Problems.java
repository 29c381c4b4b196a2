package ru.metricarelay.http;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.answer.RelayProblem;

/** Every error leaves as application/problem+json (RFC 9457) without a stack trace (docs/architecture.md#answers). */
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);

    @ServerExceptionMapper
    public Response relayProblem(RelayProblem problem, UriInfo uri) {
        Response response = respond(problem.status(), problem.toProblem(instance(uri)));
        if (problem.status() == 413) {
            // the rest of a too-large body is not read: end the connection rather than parse it as a request
            response.getHeaders().putSingle("Connection", "close");
        }
        return response;
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        RelayProblem problem;
        if (e instanceof NotFoundException) {
            problem = RelayProblem.notFound("no such endpoint; webhooks go to POST /hooks/{source}");
        } else if (e instanceof NotAllowedException) {
            problem = RelayProblem.methodNotAllowed("this endpoint does not accept that method");
        } else if (e instanceof NotSupportedException) {
            problem = RelayProblem.unsupportedMediaType("send application/json or application/x-www-form-urlencoded");
        } else if (status >= 400 && status < 500) {
            return respond(status, new Problem(Problem.type("client-error"), "Bad request", status,
                    "the request was not accepted", instance(uri), null, null));
        } else {
            return unexpected(e, uri);
        }
        return respond(problem.status(), problem.toProblem(instance(uri)));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return relayProblem(RelayProblem.badRequest("the body is not valid JSON"), uri);
    }

    /** A bug of ours: the sender learns only an id to quote; the log has the rest. */
    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, UriInfo uri) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, instance(uri));
        return respond(500, new Problem(Problem.type("internal"), "Internal error", 500,
                "the relay failed unexpectedly; quote error id " + id, instance(uri), null, null));
    }

    private static Response respond(int status, Problem problem) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The request path with any secret segment masked: /hooks/tilda/*** . */
    static String instance(UriInfo uri) {
        return uri == null ? null : SecretPaths.mask(uri.getPath());
    }
}
