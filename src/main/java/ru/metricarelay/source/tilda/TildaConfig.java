package ru.metricarelay.source.tilda;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/**
 * Tilda forms (relay.sources.tilda.*). Tilda posts the form's own field names, as the site owner
 * typed them in the form editor, so every name here is matched case-insensitively and can be changed.
 */
@ConfigMapping(prefix = "relay.sources.tilda")
public interface TildaConfig extends SourceSettings {

    /** The field holding document.cookie (Tilda's "send cookies" option). */
    @WithDefault("COOKIES")
    String cookiesField();

    /** The cookie holding the Metrica ClientId. */
    @WithDefault("_ym_uid")
    String clientIdCookie();

    /** Form fields (hidden inputs) that may hold the ClientId when cookies are not sent; the cookie wins. */
    @WithDefault("_ym_uid,ym_uid,ClientId,client_id,ym_client_id")
    List<String> clientIdFields();

    /** Form fields and cookies holding a yclid; besides these, any value with a yclid= parameter is read as a URL. */
    @WithDefault("yclid")
    List<String> yclidFields();

    /** Form fields with the visitor's phone. */
    @WithDefault("Phone")
    List<String> phoneFields();

    /** Form fields with the visitor's e-mail. */
    @WithDefault("Email")
    List<String> emailFields();

    /** A Target (JS-goal id) per Tilda form id (formid), e.g. form-targets.form512345678=callback; others get target. */
    Map<String, String> formTargets();
}
