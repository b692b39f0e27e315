package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.UnreachableException;

/** While the state store is down, one summary notice per outage instead of one per app and pass. */
class StoreOutageTest {

  private static final String IMAGE = "registry.example.org/app";
  private static final List<String> APPS = List.of("app-a", "app-b", "app-c", "app-d");

  @TempDir Path root;
  PassFixture f;
  Pass pass;
  volatile boolean down;

  @BeforeEach
  void registry() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.2.3_abc");
    for (String app : APPS) {
      f.registry.write(app + "/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    }
    StateStore real = f.state;
    // Every call fails as an unreachable Redis's does while `down`; the store calls itself Redis.
    f.passState = (StateStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StateStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("describe")) {
            return "Redis";
          }
          if (down) {
            throw new UnreachableException("reading in Redis at redis://127.0.0.1:1: Connection refused");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    // One Pass for the whole test, as a runner keeps one: what it told lives as long as it does.
    pass = new Pass(f.ports(), f.settings, f.clock);
  }

  private PassReport passes(int count, PassMode mode) {
    PassReport last = null;
    for (int i = 0; i < count; i++) {
      last = pass.run(mode, r -> { });
      f.clock.advance(java.time.Duration.ofSeconds(5));
    }
    return last;
  }

  private List<ErrorNotice> errors() {
    return f.notifier.errors();
  }

  @Test
  void fourAppsAndTenPassesWhileRedisIsDownSendOneSummary() {
    down = true;

    PassReport last = passes(10, PassMode.DEPLOY);

    assertThat(last.results()).hasSize(4).allMatch(r -> r.status() == AppStatus.FAILED
        && r.failure().orElseThrow() == FailureKind.COULD_NOT_TRY);
    assertThat(errors()).singleElement().isInstanceOfSatisfying(ErrorNotice.StoreOutage.class, o -> {
      assertThat(o.store()).isEqualTo("Redis");
      assertThat(o.reason()).contains("Connection refused");
      assertThat(o.targets()).containsExactly("active/app-a", "active/app-b", "active/app-c", "active/app-d");
    });
  }

  @Test
  void aNewOutageAfterTheStoreAnsweredIsToldAgain() {
    down = true;
    passes(3, PassMode.DEPLOY);
    down = false;
    PassReport back = passes(1, PassMode.DEPLOY);
    assertThat(back.results()).allMatch(r -> r.status() == AppStatus.DEPLOYED);
    down = true;
    passes(3, PassMode.DEPLOY);

    assertThat(errors()).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(ErrorNotice.StoreOutage.class,
        o -> assertThat(o.targets()).hasSize(4)));
  }

  @Test
  void aPlanTellsNobody() {
    down = true;

    passes(2, PassMode.PLAN);

    assertThat(errors()).isEmpty();
  }
}
