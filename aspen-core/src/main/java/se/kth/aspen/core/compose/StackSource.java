package se.kth.aspen.core.compose;

import java.util.List;
import java.util.Objects;

/**
 * A stack file parsed safely but not yet interpolated (phase 1 of {@link StackReader}): the raw
 * tree with its lines, and the version ranges the pass must resolve before interpolating.
 */
public final class StackSource {

  private final String displayPath;
  private final YNode.Mapping root;
  private final List<VersionRequest> versionRequests;

  StackSource(String displayPath, YNode.Mapping root, List<VersionRequest> versionRequests) {
    this.displayPath = Objects.requireNonNull(displayPath, "displayPath");
    this.root = Objects.requireNonNull(root, "root");
    this.versionRequests = List.copyOf(versionRequests);
  }

  /** The stack file's path as shown in messages. */
  public String displayPath() {
    return displayPath;
  }

  /** Every service whose image tag is a version range to resolve, in file order. */
  public List<VersionRequest> versionRequests() {
    return versionRequests;
  }

  YNode.Mapping root() {
    return root;
  }

  @Override
  public String toString() {
    return "StackSource[" + displayPath + ", " + versionRequests.size() + " version requests]";
  }
}
