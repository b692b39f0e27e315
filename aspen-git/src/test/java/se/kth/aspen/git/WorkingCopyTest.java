package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.git.GitRegistrySourceFileTest.deadline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingCopyTest {

  @TempDir Path directory;

  @Test
  void fetchesThatPileUpPacksAreCompactedIntoOne() throws Exception {
    try (RemoteRepository remote = RemoteRepository.create(directory.resolve("srv"))) {
      RemoteUrl url = RemoteUrl.parse(remote.fileUrl());
      RemoteFetch fetch =
          new RemoteFetch(url, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
              new RemoteFailures(url, new KnownHosts(List.of(), List.of())));
      try (WorkingCopy copy = WorkingCopy.create(directory.resolve("clone"), url.gitUrl())) {
        ObjectId last = null;
        for (int i = 0; i < 4; i++) {
          remote.commit("commit " + i, Map.of("app-" + i + "/active/docker-stack.yml", i + "\n"));
          last = fetch.fetch(copy, deadline());
        }
        copy.checkout(last);
        long piled = packs(copy);
        assertThat(piled).isGreaterThanOrEqualTo(4);

        assertThat(copy.compactIfFragmented((int) piled)).isFalse();
        assertThat(copy.compactIfFragmented((int) piled - 1)).isTrue();

        assertThat(packs(copy)).isEqualTo(1);
        assertThat(copy.damage(url.gitUrl())).isEmpty();
        assertThat(copy.isPristine()).isTrue();
      }
    }
  }

  private static long packs(WorkingCopy copy) throws Exception {
    try (Stream<Path> files = Files.list(copy.repository().getDirectory().toPath().resolve("objects/pack"))) {
      return files.filter(f -> f.toString().endsWith(".pack")).count();
    }
  }
}
