package bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The whole baseline: read a JSON webhook, answer 200 {"ok":true}. */
@Path("/hooks/generic")
public class GenericHook {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> receive(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new jakarta.ws.rs.BadRequestException("a JSON object is expected");
        }
        return Map.of("ok", true);
    }
}
