package io.proximadb.client;

import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchHit;
import io.proximadb.spi.record.VectorRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a series of calls answered, one line per call, in a form that two implementations of the API
 * must produce identically: results rendered in full (ids, scores, vectors, metadata), errors as
 * their type, code and message. Instants are reduced to "expires" or not, since two runs differ there.
 */
final class Transcript {

    private final List<String> lines = new ArrayList<>();

    void call(String step, Runnable call) {
        call(step, () -> {
            call.run();
            return "ok";
        });
    }

    void call(String step, Supplier<?> call) {
        String outcome;
        try {
            outcome = render(call.get());
        } catch (ProximaException e) {
            outcome = "! " + e.getClass().getSimpleName() + " [" + e.code() + "] " + e.getMessage();
        } catch (RuntimeException e) {
            outcome = "! " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
        lines.add(step + " -> " + outcome);
    }

    List<String> lines() {
        return lines;
    }

    static String render(Object value) {
        return switch (value) {
            case null -> "null";
            case Optional<?> optional -> optional.map(v -> "some " + render(v)).orElse("empty");
            case VectorRecord r -> "record " + r.id() + " " + Arrays.toString(r.vector()) + " " + r.metadata()
                    + (r.expiresAtMillis() == VectorRecord.NEVER_EXPIRES ? "" : " expires");
            case SearchHit h -> "hit " + h.id() + " " + h.score() + " " + h.metadata()
                    + " " + (h.vector() == null ? "no-vector" : Arrays.toString(h.vector()));
            case CollectionInfo info -> "collection " + info.spec() + " live=" + info.liveRecords();
            case Collection<?> list -> list.stream().map(Transcript::render).toList().toString();
            case io.proximadb.api.Collection c -> "handle " + c.name();
            default -> value.toString();
        };
    }
}
