package io.proximadb.kernel.engine;

import io.proximadb.api.Change;
import io.proximadb.api.ChangeListener;
import io.proximadb.spi.wal.WalEntry;
import java.util.List;
import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A collection's change feed. Writers {@link #offer} their logged entries before they publish
 * them; several writers share the write gate (group commit), so changes may arrive out of sequence
 * order, and each subscription keeps them in a priority queue by sequence. Offering never blocks (a
 * subscription that falls too far behind is ended as overflowed). Each subscription has a virtual
 * thread that hands changes to its listener in sequence order, each once it is visible to reads.
 *
 * <p>Why the order is right: a change is offered before its write completes, and the published
 * sequence passes {@code s} only when every write up to {@code s} has completed. So once
 * {@code published >= s} for a queued change {@code s}, every change below {@code s} is queued
 * too (or already delivered), and the queue's smallest is the next one. Thread-safe.
 */
final class ChangeFeed {

    /** Changes a subscription may fall behind by before it is ended. */
    static final int QUEUE_CAPACITY = 16_384;

    private final String collection;
    private final VisibleSequence visible;
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    ChangeFeed(String collection, VisibleSequence visible) {
        this.collection = collection;
        this.visible = visible;
    }

    AutoCloseable subscribe(ChangeListener listener, int capacity) {
        Subscription subscription = new Subscription(listener, capacity);
        subscriptions.add(subscription);
        subscription.start();
        return subscription::close;
    }

    /** Called under the write gate, in log order; cheap when nobody watches. */
    void offer(List<WalEntry> logged) {
        if (subscriptions.isEmpty()) {
            return;
        }
        for (WalEntry entry : logged) {
            Change change = switch (entry) {
                case WalEntry.Upsert upsert ->
                        new Change(upsert.sequence(), Change.Kind.UPSERT, upsert.record().id(), upsert.record());
                case WalEntry.Delete delete -> new Change(delete.sequence(), Change.Kind.DELETE, delete.id(), null);
                default -> null;
            };
            if (change != null) {
                for (Subscription subscription : subscriptions) {
                    subscription.offer(change);
                }
            }
        }
    }

    /** Ends every subscription (the collection closes or is dropped). */
    void close(String reason) {
        for (Subscription subscription : subscriptions) {
            subscription.end(reason, false);
        }
    }

    int subscriptions() {
        return subscriptions.size();
    }

    private final class Subscription {

        private final ChangeListener listener;
        private final int capacity;
        private final PriorityBlockingQueue<Change> queue =
                new PriorityBlockingQueue<>(64, Comparator.comparingLong(Change::sequence));
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile String reason;
        private volatile boolean overflowed;
        private Thread thread;

        Subscription(ChangeListener listener, int capacity) {
            this.listener = listener;
            this.capacity = capacity;
        }

        void start() {
            thread = Thread.ofVirtual().name("proxima-changes-" + collection).start(this::deliver);
        }

        void offer(Change change) {
            if (ended.get()) {
                return;
            }
            if (queue.size() >= capacity) {
                end("the listener fell more than " + capacity + " changes behind", true);
                return;
            }
            queue.add(change);
        }

        void close() {
            end("closed by the subscriber", false);
        }

        void end(String why, boolean lost) {
            if (ended.compareAndSet(false, true)) {
                reason = why;
                overflowed = lost;
                subscriptions.remove(this);
                thread.interrupt();
            }
        }

        private void deliver() {
            try {
                while (!ended.get()) {
                    Change head = queue.take();
                    // Offered before it was published: wait until reads see it. Meanwhile a smaller
                    // sequence may have been queued; once head is published, the queue's smallest is next.
                    visible.awaitPublished(head.sequence());
                    queue.add(head);
                    listener.onChange(queue.poll());
                }
            } catch (InterruptedException e) {
                // ended: fall through to onClosed
            } catch (RuntimeException e) {
                end("the listener failed: " + e, false);
            } finally {
                ended.set(true);
                subscriptions.remove(this);
                listener.onClosed(reason == null ? "closed" : reason, overflowed);
            }
        }
    }
}
