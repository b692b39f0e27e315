package se.kth.aspen.notify;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages waiting for the sender, at most {@code capacity} of them. When full, the oldest
 * gives way to the newest: a late message about the current state is worth more than an early
 * one, and the queue must never grow while the endpoint is down.
 */
final class DeliveryQueue {

  /** What {@link #offer} did. */
  sealed interface Offer {
    record Queued() implements Offer {}

    record QueuedDroppingOldest(Delivery dropped) implements Offer {}

    record Refused() implements Offer {}
  }

  private final int capacity;
  private final ArrayDeque<Delivery> items;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean closed;

  DeliveryQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the notification queue needs room for at least 1 message, got " + capacity);
    }
    this.capacity = capacity;
    this.items = new ArrayDeque<>(capacity);
  }

  /** Adds at the tail, dropping the head when full; refuses once closed. Never blocks on the sender. */
  Offer offer(Delivery delivery) {
    lock.lock();
    try {
      if (closed) {
        return new Offer.Refused();
      }
      Delivery dropped = items.size() == capacity ? items.pollFirst() : null;
      items.addLast(delivery);
      changed.signalAll();
      return dropped == null ? new Offer.Queued() : new Offer.QueuedDroppingOldest(dropped);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next message, waiting for one; empty once the queue is closed and nothing is left.
   *
   * @throws InterruptedException when the sender is told to stop waiting
   */
  Optional<Delivery> take() throws InterruptedException {
    lock.lock();
    try {
      while (items.isEmpty() && !closed) {
        changed.await();
      }
      return Optional.ofNullable(items.pollFirst());
    } finally {
      lock.unlock();
    }
  }

  /** Accepts no more messages; those queued are still taken. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Takes out everything left, for the log when the sender could not finish. */
  List<Delivery> clear() {
    lock.lock();
    try {
      List<Delivery> left = List.copyOf(items);
      items.clear();
      return left;
    } finally {
      lock.unlock();
    }
  }

  /** What waits now, oldest first. */
  List<Delivery> snapshot() {
    lock.lock();
    try {
      return List.copyOf(items);
    } finally {
      lock.unlock();
    }
  }

  int capacity() {
    return capacity;
  }
}
