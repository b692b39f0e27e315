package se.kth.aspen.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.UnreachableException;

class TagCatalogTest {

  private final FakeImageRegistry registry = new FakeImageRegistry().push("registry.example.org/app", "1.2.3_abc", "1.2.4_def");
  private final TagCatalog catalog = new TagCatalog(registry, Duration.ofSeconds(5));
  private final ImageReference app = ImageReference.parse("registry.example.org/app:${V}".replace("${V}", "x"));

  @Test
  void aRepositoryIsListedOnceHoweverManyTargetsAskAtOnce() throws Exception {
    List<Future<String>> answers = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        answers.add(pool.submit(() -> catalog.resolve(app, VersionRange.parse("~1.2.0"), Deadline.in(Duration.ofSeconds(5)))));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get()).isEqualTo("1.2.4_def");
      }
    }
    assertThat(registry.tagCalls("registry.example.org/app")).isEqualTo(1);
  }

  @Test
  void eachRangeOfARepositoryAndEachRepositoryResolvesOnItsOwn() throws Exception {
    registry.push("registry.example.org/other", "1.2.9_a", "3.0.0_b", "3.1.0");
    ImageReference other = ImageReference.parse("registry.example.org/other:x");
    Deadline deadline = Deadline.in(Duration.ofSeconds(5));

    assertThat(catalog.resolve(app, VersionRange.parse("~1.2.0"), deadline)).isEqualTo("1.2.4_def");
    assertThat(catalog.resolve(app, VersionRange.parse("1.2.3"), deadline)).isEqualTo("1.2.3_abc");
    assertThat(catalog.resolve(other, VersionRange.parse("~1.2.0"), deadline)).isEqualTo("1.2.9_a");
    assertThat(catalog.resolve(app, VersionRange.parse("~1.2.0"), deadline)).isEqualTo("1.2.4_def");
    assertThatThrownBy(() -> catalog.resolve(app, VersionRange.parse("^3.0.0"), deadline))
        .isInstanceOf(UnsatisfiedRangeException.class);
    assertThat(catalog.resolve(other, VersionRange.parse("^3.0.0"), deadline)).isEqualTo("3.0.0_b");
  }

  @Test
  void aFailedListingIsRememberedForThePass() {
    registry.failWith("registry.example.org/app", new UnreachableException("listing tags of registry.example.org/app: connection refused"));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> catalog.tags(app, Deadline.in(Duration.ofSeconds(5))))
          .isInstanceOf(UnreachableException.class)
          .hasMessage("listing tags of registry.example.org/app: connection refused");
    }
    assertThat(registry.tagCalls("registry.example.org/app")).isEqualTo(1);
  }

  @Test
  void noTagInRangeSaysWhichRepositoryAndRange() {
    assertThatThrownBy(() -> catalog.resolve(app, VersionRange.parse("~2.9.0"), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(UnsatisfiedRangeException.class)
        .hasMessage("no tag of registry.example.org/app satisfies ~2.9.0; pushed yet?");
  }

  @Test
  void anUnknownRepositoryIsRefusedWithTheRegistrysReason() {
    ImageReference unknown = ImageReference.parse("registry.example.org/nope:1.0.0");
    assertThatThrownBy(() -> catalog.tags(unknown, Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(PortException.class)
        .hasMessage("listing tags of registry.example.org/nope: no such repository (HTTP 404)");
  }
}
