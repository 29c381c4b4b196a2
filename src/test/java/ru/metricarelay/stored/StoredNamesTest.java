package ru.metricarelay.stored;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import ru.metricarelay.failed.FailedEvent;
import ru.metricarelay.queue.QueuedRecord;

/**
 * Stored formats are pinned (docs/reliability.md#stored-formats): every component of every record a queue row or a
 * failed event keeps names its JSON name explicitly, so renaming a Java field cannot rename a stored one.
 */
class StoredNamesTest {

    @Test
    void everyStoredRecordComponentNamesItsJsonNameExplicitly() {
        List<String> unnamed = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        walk(QueuedRecord.class, seen, unnamed);
        walk(FailedEvent.class, seen, unnamed);
        assertEquals(List.of(), unnamed, "stored record components without @JsonProperty");
        assertEquals(true, seen.size() >= 8, "walked " + seen);
    }

    private static void walk(Class<?> type, Set<Class<?>> seen, List<String> unnamed) {
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty name = field(type, c);
            if (name == null || name.value().isEmpty()) {
                unnamed.add(type.getSimpleName() + "." + c.getName());
            }
            walk(c.getType(), seen, unnamed);
            Type generic = c.getGenericType();
            if (generic instanceof ParameterizedType p) {
                for (Type arg : p.getActualTypeArguments()) {
                    if (arg instanceof Class<?> k) {
                        walk(k, seen, unnamed);
                    }
                }
            }
        }
    }

    /** A record component's annotation lands on its field (and accessor, and constructor parameter). */
    private static JsonProperty field(Class<?> type, RecordComponent c) {
        try {
            return type.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
