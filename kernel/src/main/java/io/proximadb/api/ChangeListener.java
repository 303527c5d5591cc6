package io.proximadb.api;

/**
 * Receives a collection's changes ({@link Collection#watch}). Calls come from one thread per
 * subscription, one at a time, in sequence order, each after its write is visible to reads. A
 * listener may block (for example while a slow network client catches up); the writes it watches
 * never wait for it: changes queue up to a bound, past which the subscription ends with
 * {@link #onClosed}.
 */
public interface ChangeListener {

    void onChange(Change change);

    /**
     * The feed ended: the subscription was closed, the collection was dropped or closed, or the
     * listener fell too far behind. No call follows.
     *
     * @param reason what ended it, for people
     * @param overflowed whether changes were lost because the listener fell behind; a consumer that
     *                   mirrors the collection must then read it again
     */
    default void onClosed(String reason, boolean overflowed) {
    }
}
