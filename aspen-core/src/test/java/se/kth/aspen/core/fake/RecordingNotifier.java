package se.kth.aspen.core.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.Notifier;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;

/** A notifier that keeps every notice, in order. */
public final class RecordingNotifier implements Notifier {

  private final List<DeploymentNotice> deployments = new CopyOnWriteArrayList<>();
  private final List<ErrorNotice> errors = new CopyOnWriteArrayList<>();
  private final List<RecommendationNotice> recommendations = new CopyOnWriteArrayList<>();
  private final List<RecoveryNotice> recoveries = new CopyOnWriteArrayList<>();

  @Override
  public void deployment(DeploymentNotice notice) {
    deployments.add(notice);
  }

  @Override
  public void error(ErrorNotice notice) {
    errors.add(notice);
  }

  @Override
  public void recommendation(RecommendationNotice notice) {
    recommendations.add(notice);
  }

  @Override
  public void recovery(RecoveryNotice notice) {
    recoveries.add(notice);
  }

  public List<DeploymentNotice> deployments() {
    return List.copyOf(deployments);
  }

  public List<ErrorNotice> errors() {
    return List.copyOf(errors);
  }

  public List<RecommendationNotice> recommendations() {
    return List.copyOf(recommendations);
  }

  public List<RecoveryNotice> recoveries() {
    return List.copyOf(recoveries);
  }

  public void clear() {
    deployments.clear();
    errors.clear();
    recommendations.clear();
    recoveries.clear();
  }
}
