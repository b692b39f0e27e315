package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.UnreachableException;

/**
 * A pass reads the recorded states of all its targets in one call to the store (one round trip
 * on Redis), and falls back to one read per target when that call fails.
 */
class StateReadAheadTest {

  @TempDir Path root;
  PassFixture f;
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  volatile boolean readAllFails;

  static final String IMAGE = "registry.example.org/app";

  @BeforeEach
  void registry() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.2.3_abc");
    for (String app : List.of("app-a", "app-b", "app-c")) {
      f.registry.write(app + "/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    }
    f.passState = counted(f.state);
  }

  private StateStore counted(StateStore real) {
    return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
        (proxy, method, args) -> {
          calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
          if (method.getName().equals("readAll") && readAllFails) {
            throw new UnreachableException("reading many states: the store is down");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private int calls(String method) {
    AtomicInteger count = calls.get(method);
    return count == null ? 0 : count.get();
  }

  @Test
  void aNoChangePassReadsEveryStateInOneCallAndNoneOneByOne() {
    f.deploy();
    calls.clear();

    PassReport second = f.deploy();

    assertThat(second.results()).extracting(AppResult::status).containsOnly(AppStatus.UNCHANGED);
    assertThat(calls("readAll")).isEqualTo(1);
    assertThat(calls("read")).isZero();
  }

  @Test
  void whenReadingAllAtOnceFailsEachTargetReadsItsOwnState() {
    f.deploy();
    calls.clear();
    readAllFails = true;

    PassReport second = f.deploy();

    assertThat(second.results()).extracting(AppResult::status).containsOnly(AppStatus.UNCHANGED);
    assertThat(second.problems()).isEmpty();
    assertThat(calls("read")).isEqualTo(3);
  }

  @Test
  void aTargetToDeployReadsItsStateAgainUnderTheLease() {
    f.deploy();
    f.registry.write("app-b/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.2.3_abc", "      EXTRA: changed\n", ""));
    calls.clear();

    f.deploy();

    assertThat(calls("readAll")).isEqualTo(1);
    assertThat(calls("read")).as("only the changed target, once it holds its lease").isEqualTo(1);
  }
}
