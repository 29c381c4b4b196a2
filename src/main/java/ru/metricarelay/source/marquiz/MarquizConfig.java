package ru.metricarelay.source.marquiz;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/** Marquiz quiz leads (relay.sources.marquiz.*): docs/sources/marquiz.md. */
@ConfigMapping(prefix = "relay.sources.marquiz")
public interface MarquizConfig extends SourceSettings {

    /** The cookie in extra.cookies holding the Metrica ClientId. */
    @WithDefault("_ym_uid")
    String clientIdCookie();

    /** A Target (JS-goal id) per Marquiz quiz id (quiz.id), e.g. quiz-targets.608fbced19933d0049b80662=marquiz_kitchen; others get target. */
    Map<String, String> quizTargets();
}
