package se.kth.aspen.core.state;

import java.time.Duration;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.port.StateStore;

class InMemoryStateStoreTest extends StateStoreContract {

  private final MutableClock clock = MutableClock.atFixedStart();

  @Override
  protected StateStore newStore() {
    return new InMemoryStateStore(clock);
  }

  @Override
  protected void passTime(Duration duration) {
    clock.advance(duration);
  }
}
