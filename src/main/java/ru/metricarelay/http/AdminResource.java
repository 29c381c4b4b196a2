package ru.metricarelay.http;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import ru.metricarelay.metrica.setup.DoctorReport;
import ru.metricarelay.metrica.setup.ProvisionReport;
import ru.metricarelay.metrica.setup.UploadHistoryReport;
import ru.metricarelay.relay.InboundAuth;
import ru.metricarelay.relay.operator.Operator;

/**
 * The operator endpoints (docs/architecture.md#operator-tools), each with X-Relay-Secret: GET /admin/doctor,
 * POST /admin/provision[?dry_run=true], GET /admin/uploads?limit=50. The same as the doctor and provision
 * commands of the jar. Answers are 200 with the report; "ok" says whether anything failed.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    // package-private field injection: Quarkus sets them without reflection
    @Inject InboundAuth auth;
    @Inject Operator operator;

    @GET
    @Path("doctor")
    public Uni<DoctorReport> doctor(@RestHeader("X-Relay-Secret") String secret) {
        auth.checkOperator(secret, "admin");
        return operator.doctor();
    }

    @POST
    @Path("provision")
    public Uni<ProvisionReport> provision(@RestHeader("X-Relay-Secret") String secret,
            @RestQuery("dry_run") @DefaultValue("false") boolean dryRun) {
        auth.checkOperator(secret, "admin");
        return operator.provision(dryRun);
    }

    @GET
    @Path("uploads")
    public Uni<UploadHistoryReport> uploads(@RestHeader("X-Relay-Secret") String secret, @RestQuery @DefaultValue("50") int limit) {
        auth.checkOperator(secret, "admin");
        return operator.uploads(Limits.check(limit));
    }
}
