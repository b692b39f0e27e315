package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;

/**
 * Every kind of local change to a clone that its guard must see and undo, over the registry of
 * {@link #FILES}: shared by the tests of the guard with and without the watch.
 */
enum CloneTampering {
  SAME_SIZE_REWRITE {
    @Override
    void apply(Path root) throws Exception {
      Path file = root.resolve(APP);
      FileTime before = Files.getLastModifiedTime(file);
      Files.writeString(file, SAME_SIZE);
      Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
    }
  },
  DELETED {
    @Override
    void apply(Path root) throws Exception {
      Files.delete(root.resolve(APP));
    }
  },
  ADDED_BESIDE {
    @Override
    void apply(Path root) throws Exception {
      Files.writeString(root.resolve(APP).resolveSibling("extra.yml"), "x\n");
    }
  },
  NEW_DIRECTORY_WITH_A_FILE {
    @Override
    void apply(Path root) throws Exception {
      Files.createDirectories(root.resolve("intruder/active"));
      Files.writeString(root.resolve("intruder/active/docker-stack.yml"), "x\n");
    }
  },
  MADE_EXECUTABLE {
    @Override
    void apply(Path root) throws Exception {
      Path file = root.resolve(APP);
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      Files.setPosixFilePermissions(file, permissions);
    }
  },
  CHANGED_DEEP_DOWN {
    @Override
    void apply(Path root) throws Exception {
      Files.writeString(root.resolve(DEEP), "server { listen 80; }\n");
    }
  },
  REMOVED_FROM_THE_INDEX_ONLY {
    @Override
    void apply(Path root) throws Exception {
      try (WorkingCopy copy = WorkingCopy.open(root);
          Git git = Git.wrap(copy.repository())) {
        git.rm().addFilepattern(APP).setCached(true).call();
      }
    }
  },
  CHANGED_AND_ADDED_TO_THE_INDEX {
    @Override
    void apply(Path root) throws Exception {
      Files.writeString(root.resolve(APP), "tampered\n");
      try (WorkingCopy copy = WorkingCopy.open(root);
          Git git = Git.wrap(copy.repository())) {
        git.add().addFilepattern(APP).call();
      }
    }
  };

  abstract void apply(Path root) throws Exception;

  static final String APP = "team/app-a/active/docker-stack.yml";
  static final String DEEP = "team/app-a/active/config/nginx/site.conf";
  static final String ORIGINAL = "services: {a: {}}\n";
  /** Same length as {@link #ORIGINAL}, other bytes. */
  static final String SAME_SIZE = "services: {x: {}}\n";
  /** The registry every tampering applies to. */
  static final Map<String, String> FILES =
      Map.of(APP, ORIGINAL, DEEP, "server {}\n", "app-b/stage/docker-stack.yml", "services: {b: {}}\n");

  /** The clone at {@code root} shows no trace of any tampering. */
  static void assertUndone(Path root) {
    assertThat(root.resolve(APP)).hasContent(ORIGINAL.strip());
    assertThat(root.resolve("intruder")).doesNotExist();
    assertThat(root.resolve(APP).resolveSibling("extra.yml")).doesNotExist();
    assertThat(Files.isExecutable(root.resolve(APP))).isFalse();
    assertThat(root.resolve(DEEP)).hasContent("server {}");
  }
}
