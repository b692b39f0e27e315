package se.kth.aspen.core.fingerprint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a directory holds below it, as one lstat per entry saw it: enough to hash it, and enough
 * to tell, without reading a byte, that it is still what was hashed. Sorted by relative path.
 * Two listings are equal when every entry has the same path, kind, size, modification and
 * status-change times, file key (device and inode) and link target.
 */
record Listing(List<Entry> entries) {

  Listing {
    entries = List.copyOf(entries);
  }

  /**
   * @param changed the status-change time (ctime) where the file system tells it, else null:
   *     unlike the modification time, no program can set it back, so a rewrite that restores the
   *     old size and mtime still shows
   * @param linkTarget a link's target text, null for a regular file
   */
  record Entry(String relative, Path path, long size, FileTime modified, FileTime changed, Object fileKey, String linkTarget)
      implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      return relative.compareTo(other.relative);
    }

    /** The latest time the file system stamped this entry with. */
    FileTime stamped() {
      return changed != null && changed.compareTo(modified) > 0 ? changed : modified;
    }
  }

  private static final String UNIX_ATTRIBUTES = "unix:size,lastModifiedTime,ctime,fileKey,isRegularFile,isDirectory,isSymbolicLink";

  /** Lists the directory; links are never followed, {@code .git} is skipped at any depth. */
  static Listing of(Path directory) throws IOException {
    return of(directory, directory.getFileSystem().supportedFileAttributeViews().contains("unix"));
  }

  /** @param unix whether to read the unix attribute view, which adds the ctime */
  static Listing of(Path directory, boolean unix) throws IOException {
    List<Entry> entries = new ArrayList<>();
    collect(directory, "", unix, entries);
    entries.sort(null);
    return new Listing(entries);
  }

  private static void collect(Path dir, String prefix, boolean unix, List<Entry> entries) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        String relative = prefix + name;
        Stat stat = Stat.of(child, unix);
        if (stat.link()) {
          entries.add(new Entry(relative, child, 0, stat.modified(), stat.changed(), stat.fileKey(),
              Files.readSymbolicLink(child).toString()));
        } else if (stat.directory()) {
          if (!name.equals(".git")) {
            collect(child, relative + "/", unix, entries);
          }
        } else if (stat.regular()) {
          entries.add(new Entry(relative, child, stat.size(), stat.modified(), stat.changed(), stat.fileKey(), null));
        }
      }
    }
  }

  /** One lstat; the unix view adds the ctime that BasicFileAttributes lacks. */
  record Stat(boolean link, boolean directory, boolean regular, long size, FileTime modified, FileTime changed,
      Object fileKey) {
    static Stat of(Path path, boolean unix) throws IOException {
      return unix ? unix(Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS))
          : basic(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    static Stat basic(BasicFileAttributes a) {
      return new Stat(a.isSymbolicLink(), a.isDirectory(), a.isRegularFile(), a.size(), a.lastModifiedTime(), null, a.fileKey());
    }

    static Stat unix(Map<String, Object> a) {
      return new Stat((Boolean) a.get("isSymbolicLink"), (Boolean) a.get("isDirectory"), (Boolean) a.get("isRegularFile"),
          (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"), a.get("fileKey"));
    }
  }
}
