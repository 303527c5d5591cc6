package io.proximadb.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.proximadb.api.ProximaException;
import io.proximadb.grpc.v1.UpsertRequest;
import io.proximadb.grpc.v1.UpsertResponse;
import io.proximadb.spi.record.VectorRecord;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * One {@code UpsertStream} call fed from an iterator. The caller's thread builds and sends each
 * batch only when the call is ready for it (gRPC's outbound flow control, which the server drives by
 * pausing the stream while it writes a batch), so memory stays at about one batch whatever the total.
 */
final class BulkUpsert implements ClientResponseObserver<UpsertRequest, UpsertResponse> {

    static final int MAX_BATCH = 100_000;

    private final Object lock = new Object();
    private ClientCallStreamObserver<UpsertRequest> call;
    private UpsertResponse answer;
    private Throwable failure;
    private boolean done;

    private BulkUpsert() {
    }

    static long run(RemoteDatabase db, String collection, Iterator<VectorRecord> records, int batchSize,
                    LongConsumer progress) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(progress, "progress");
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH + ", got " + batchSize);
        }
        BulkUpsert bulk = new BulkUpsert();
        db.async().upsertStream(bulk);
        long stallMillis = db.options().timeout().toMillis();
        long sent = 0;
        try {
            while (records.hasNext()) {
                long now = System.currentTimeMillis();
                UpsertRequest.Builder batch = UpsertRequest.newBuilder().setCollection(collection);
                for (int i = 0; i < batchSize && records.hasNext(); i++) {
                    batch.addRecords(Messages.input(records.next(), null, now));
                }
                bulk.awaitReady(stallMillis);
                bulk.call.onNext(batch.build());
                sent += batch.getRecordsCount();
                progress.accept(sent);
            }
        } catch (RuntimeException | Error e) {
            // A bad record, a failing iterator or a server error: end the call so the server stops too. The
            // server's error, when there is one, is read first: cancelling makes one of its own.
            Throwable server = bulk.failure();
            bulk.call.cancel("bulk upsert stopped: " + e.getMessage(), e);
            if (server instanceof StatusRuntimeException status) {
                throw RemoteErrors.map(status, collection);
            }
            if (e instanceof StatusRuntimeException status) {
                throw RemoteErrors.map(status, collection);
            }
            throw e;
        }
        bulk.call.onCompleted();
        return bulk.awaitAnswer(stallMillis, collection).getUpserted();
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<UpsertRequest> requestStream) {
        this.call = requestStream;
        requestStream.setOnReadyHandler(this::wake);
    }

    @Override
    public void onNext(UpsertResponse value) {
        synchronized (lock) {
            answer = value;
        }
    }

    @Override
    public void onError(Throwable t) {
        synchronized (lock) {
            failure = t;
            done = true;
            lock.notifyAll();
        }
    }

    @Override
    public void onCompleted() {
        synchronized (lock) {
            done = true;
            lock.notifyAll();
        }
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private Throwable failure() {
        synchronized (lock) {
            return failure;
        }
    }

    /** Waits until the call takes another message; throws the server's error if it ended the call. */
    private void awaitReady(long stallMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stallMillis);
        synchronized (lock) {
            while (!done && !call.isReady()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw Status.DEADLINE_EXCEEDED.withDescription("the server took no batch for " + stallMillis + " ms")
                            .asRuntimeException();
                }
                waitNanos(left);
            }
            if (failure != null) {
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
            if (done) {
                throw new IllegalStateException("the server ended the bulk upsert before it was complete");
            }
        }
    }

    private UpsertResponse awaitAnswer(long stallMillis, String collection) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stallMillis);
        synchronized (lock) {
            while (!done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    call.cancel("no answer", null);
                    throw RemoteErrors.map(Status.DEADLINE_EXCEEDED.withDescription(
                            "no answer to the bulk upsert within " + stallMillis + " ms").asRuntimeException(), collection);
                }
                waitNanos(left);
            }
            if (failure instanceof StatusRuntimeException server) {
                throw RemoteErrors.map(server, collection);
            }
            if (failure != null) {
                throw new ProximaException("internal", "bulk upsert failed: " + failure, failure);
            }
            if (answer == null) {
                throw new ProximaException("internal", "the server ended the bulk upsert without an answer");
            }
            return answer;
        }
    }

    private void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel("interrupted", e);
            throw new ProximaException("interrupted", "interrupted while streaming records", e);
        }
    }
}
