package se.kth.aspen.core.port;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A running service, compared with what was recorded on it when Aspen deployed it.
 *
 * @param name the service key without the stack prefix
 * @param managedBy the management group that deployed it ({@code se.kth.aspen.managed-by}); empty
 *     for a service Aspen did not label (added by hand, or deployed before the label existed):
 *     then nothing was recorded and {@code differences} is empty
 * @param cluster the name of the cluster it was deployed to, as Aspen labelled it
 * @param fingerprint the desired state it was deployed from
 * @param siblings the services of the stack file it was deployed with, itself included
 * @param differences every way its spec differs from the recorded one
 * @param settling an update of it is still rolling (or rolling back): not drift until it settles
 * @param recordedLabels the {@code se.kth.aspen.*} labels of its recorded spec (service and
 *     container labels), as the stack file set them: the per-app drift settings
 */
public record LiveService(
    String name,
    Optional<String> managedBy,
    Optional<String> cluster,
    Optional<String> fingerprint,
    Set<String> siblings,
    List<SpecDifference> differences,
    boolean settling,
    Map<String, String> recordedLabels) {

  public LiveService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(managedBy, "managedBy");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(fingerprint, "fingerprint");
    siblings = Set.copyOf(siblings);
    differences = List.copyOf(differences);
    recordedLabels = Map.copyOf(recordedLabels);
  }
}
