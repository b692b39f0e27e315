package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.kth.aspen.core.compose.ServiceDependency;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.RunningService;
import se.kth.aspen.core.port.UnreachableException;

/** A stack's services and tasks as read at one moment, and what they say about convergence. */
final class StackSnapshot {

  private static final Set<String> FAILED_STATES = Set.of("failed", "rejected", "orphaned");
  private static final Set<String> UPDATE_IN_PROGRESS = Set.of("updating", "rollback_started");
  private static final Set<String> UPDATE_FAILED = Set.of("paused", "rollback_paused", "rollback_completed");
  private static final Set<String> STARTED_STATES = Set.of("starting", "running", "complete");

  private final StackNames names;
  private final JsonNode services;
  private final JsonNode tasks;

  private StackSnapshot(StackNames names, JsonNode services, JsonNode tasks) {
    this.names = names;
    this.services = services;
    this.tasks = tasks;
  }

  static StackSnapshot read(EngineClient engine, StackNames names) throws UnreachableException, RefusedException {
    JsonNode services = engine.get("/services?filters=" + names.labelFilter(), "listing the services of stack " + names.stack());
    JsonNode tasks = engine.get("/tasks?filters=" + names.labelFilter(), "listing the tasks of stack " + names.stack());
    return new StackSnapshot(names, services, tasks);
  }

  List<JsonNode> services() {
    List<JsonNode> list = new ArrayList<>();
    services.forEach(list::add);
    list.sort(java.util.Comparator.comparing(s -> s.path("Spec").path("Name").asText()));
    return list;
  }

  String key(JsonNode service) {
    String name = service.path("Spec").path("Name").asText();
    return names.serviceKey(name).orElse(name);
  }

  private List<JsonNode> tasksOf(JsonNode service) {
    String id = service.path("ID").asText();
    List<JsonNode> list = new ArrayList<>();
    tasks.forEach(t -> {
      if (t.path("ServiceID").asText().equals(id)) {
        list.add(t);
      }
    });
    return list;
  }

  private static boolean global(JsonNode service) {
    return service.path("Spec").path("Mode").has("Global");
  }

  /** A job service (replicated-job, global-job): its tasks run to completion, once per run. */
  static boolean job(JsonNode service) {
    JsonNode mode = service.path("Spec").path("Mode");
    return mode.has("ReplicatedJob") || mode.has("GlobalJob");
  }

  /** Whether a task belongs to the job's current run (each update of a job starts a new one). */
  private static boolean currentRun(JsonNode service, JsonNode task) {
    return task.path("JobIteration").path("Index").asLong(0)
        == service.path("JobStatus").path("JobIteration").path("Index").asLong(0);
  }

  /** The tasks that count for the service's current spec: for a job, those of its current run. */
  private List<JsonNode> currentTasks(JsonNode service) {
    return tasksOf(service).stream().filter(t -> !job(service) || currentRun(service, t)).toList();
  }

  private int desired(JsonNode service) {
    if (global(service)) {
      return (int) tasksOf(service).stream().filter(t -> t.path("DesiredState").asText().equals("running")).count();
    }
    if (service.path("Spec").path("Mode").has("GlobalJob")) {
      return (int) currentTasks(service).stream().map(t -> t.path("NodeID").asText()).distinct().count();
    }
    if (service.path("Spec").path("Mode").has("ReplicatedJob")) {
      return service.path("Spec").path("Mode").path("ReplicatedJob").path("TotalCompletions").asInt(1);
    }
    return service.path("Spec").path("Mode").path("Replicated").path("Replicas").asInt(1);
  }

  /** For a job, its tasks of the current run that completed (exit code 0); otherwise those running its current spec. */
  private int done(JsonNode service) {
    if (job(service)) {
      return (int) currentTasks(service).stream().filter(t -> current(service, t)
          && t.path("Status").path("State").asText().equals("complete")).count();
    }
    return (int) tasksOf(service).stream().filter(t -> running(t) && current(service, t)).count();
  }

  /** A job has converged when its current run completed; a job no task of which was ever seen has not. */
  private boolean jobDone(JsonNode service) {
    int desired = desired(service);
    return desired > 0 && done(service) >= desired;
  }

  private static boolean running(JsonNode task) {
    return task.path("DesiredState").asText().equals("running") && task.path("Status").path("State").asText().equals("running");
  }

  /** Whether a task runs the service's current spec (the runtime and placement the engine may leave behind aside). */
  private static boolean current(JsonNode service, JsonNode task) {
    return sameTemplate(service.path("Spec"), task);
  }

  private static boolean sameTemplate(JsonNode spec, JsonNode task) {
    if (!spec.path("TaskTemplate").isObject() || !task.path("Spec").isObject()) {
      return false;
    }
    ObjectNode wanted = spec.path("TaskTemplate").deepCopy();
    ObjectNode actual = task.path("Spec").deepCopy();
    for (ObjectNode node : List.of(wanted, actual)) {
      node.remove("Runtime");
      node.remove("Placement");
    }
    return wanted.equals(actual);
  }

  private static Optional<String> updateState(JsonNode service) {
    String state = service.path("UpdateStatus").path("State").asText("");
    return state.isEmpty() ? Optional.empty() : Optional.of(state);
  }

  List<RunningService> running() {
    List<RunningService> result = new ArrayList<>();
    for (JsonNode service : services()) {
      int running = job(service) ? done(service) : (int) tasksOf(service).stream().filter(StackSnapshot::running).count();
      result.add(new RunningService(key(service), service.path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText(),
          desired(service), running, updateState(service)));
    }
    return result;
  }

  /** Whether some service's update failed for good: Swarm paused it or rolled it back. */
  boolean updateFailed() {
    return services().stream().anyMatch(s -> updateState(s).filter(UPDATE_FAILED::contains).isPresent());
  }

  Convergence convergence() {
    List<RunningService> states = new ArrayList<>();
    List<Convergence.TaskFailure> failures = new ArrayList<>();
    List<String> rolledBack = new ArrayList<>();
    boolean converged = true;
    for (JsonNode service : services()) {
      String key = key(service);
      List<JsonNode> own = currentTasks(service);
      int desired = desired(service);
      int running = done(service);
      Optional<String> update = updateState(service);
      String image = service.path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText();
      states.add(new RunningService(key, image, desired, running, update));
      if (update.filter(UPDATE_FAILED::contains).isPresent()) {
        converged = false;
        String message = service.path("UpdateStatus").path("Message").asText("");
        rolledBack.add(key + ": " + update.get() + (message.isEmpty() ? "" : " (" + message + ")"));
      } else if (running != desired || update.filter(UPDATE_IN_PROGRESS::contains).isPresent()
          || job(service) && !jobDone(service)) {
        converged = false;
      }
      if (running != desired || !rolledBack.isEmpty()) {
        failures.addAll(failures(service, key, own));
      }
    }
    return new Convergence(converged, states, converged ? List.of() : failures, rolledBack);
  }

  /**
   * Whether the service {@code key} reached {@code condition}: its tasks of the current spec (of
   * a job, of its current run) started; run, which Swarm reports only once a healthcheck passed;
   * or, for a job, completed.
   */
  boolean reached(String key, ServiceDependency.Condition condition) {
    JsonNode service = byKey(key).orElse(null);
    if (service == null) {
      return false;
    }
    int desired = desired(service);
    if (job(service) && condition != ServiceDependency.Condition.SERVICE_STARTED) {
      return jobDone(service);
    }
    return switch (condition) {
      case SERVICE_STARTED -> desired > 0 && currentTasks(service).stream().filter(t -> current(service, t)
          && STARTED_STATES.contains(t.path("Status").path("State").asText())).count() >= desired;
      case SERVICE_HEALTHY -> done(service) == desired && updateState(service).filter(UPDATE_IN_PROGRESS::contains).isEmpty();
      case SERVICE_COMPLETED_SUCCESSFULLY -> false;
    };
  }

  /**
   * Why the service {@code key} will not reach a condition without help: Swarm paused or rolled
   * back its update, or a task of its current spec (of a job, of its current run) failed and its
   * restart policy gives up on it. A failed task that Swarm restarts may yet come up healthy (or,
   * of a job, complete), so it is no reason to give up while the deadline allows waiting.
   */
  Optional<String> failure(String key) {
    JsonNode service = byKey(key).orElse(null);
    if (service == null) {
      return Optional.empty();
    }
    Optional<String> update = updateState(service).filter(UPDATE_FAILED::contains);
    if (update.isPresent()) {
      String message = service.path("UpdateStatus").path("Message").asText("");
      return Optional.of(key + ": " + update.get() + (message.isEmpty() ? "" : " (" + message + ")"));
    }
    RestartLimit limit = RestartLimit.of(service.path("Spec").path("TaskTemplate").path("RestartPolicy"));
    Map<String, List<JsonNode>> failedBySlot = new java.util.HashMap<>();
    failedTasks(service).forEach(t -> failedBySlot.computeIfAbsent(slot(t), s -> new ArrayList<>()).add(t));
    List<JsonNode> givenUp = failedBySlot.values().stream().filter(limit::givesUp).map(List::getLast).toList();
    return givenUp.isEmpty() ? Optional.empty() : Optional.of(describeFailures(key, givenUp));
  }

  /** The newest failures of the service's current spec, even ones Swarm restarts: what a message about waiting says. */
  Optional<String> lastFailure(String key) {
    JsonNode service = byKey(key).orElse(null);
    if (service == null) {
      return Optional.empty();
    }
    List<JsonNode> failed = failedTasks(service);
    return failed.isEmpty() ? Optional.empty() : Optional.of(describeFailures(key, List.of(failed.getLast())));
  }

  /** Failed tasks of the current spec (of a job, of its current run), oldest first. */
  private List<JsonNode> failedTasks(JsonNode service) {
    return currentTasks(service).stream()
        .filter(t -> current(service, t) && FAILED_STATES.contains(t.path("Status").path("State").asText()))
        .sorted(java.util.Comparator.comparing((JsonNode t) -> instant(t.path("Status").path("Timestamp").asText(""))))
        .toList();
  }

  private static String describeFailures(String key, List<JsonNode> tasks) {
    return String.join("; ", tasks.stream()
        .map(t -> new Convergence.TaskFailure(key, t.path("Status").path("State").asText(),
            Optional.of(t.path("Status").path("Err").asText("")).filter(e -> !e.isEmpty())))
        .distinct().map(Object::toString).toList());
  }

  /** The replica a task stands for: its slot, or for a global service its node. */
  private static String slot(JsonNode task) {
    long slot = task.path("Slot").asLong(0);
    return slot > 0 ? "slot " + slot : "node " + task.path("NodeID").asText();
  }

  /** The service's state for messages: {@code db runs 0 of 1}. */
  String describe(String key) {
    JsonNode service = byKey(key).orElse(null);
    if (service == null) {
      return key + " does not exist";
    }
    return key + (job(service) ? " completed " : " runs ") + done(service) + " of " + desired(service);
  }

  private Optional<JsonNode> byKey(String key) {
    return services().stream().filter(s -> key(s).equals(key)).findFirst();
  }

  /**
   * Failed, rejected or stuck tasks of the spec that is failing, one entry per distinct error: the
   * current spec, or, once Swarm rolled an update back, the spec it rolled back from (the engine
   * keeps no copy of it: it is the spec of the newest failed task of another spec). Older tasks of
   * earlier versions are history, not this deploy's failure.
   */
  private static List<Convergence.TaskFailure> failures(JsonNode service, String key, List<JsonNode> tasks) {
    boolean rolledBack = updateState(service).filter(s -> s.startsWith("rollback")).isPresent();
    List<JsonNode> newestFirst = tasks.stream()
        .sorted(java.util.Comparator.comparing((JsonNode t) -> instant(t.path("CreatedAt").asText(""))).reversed())
        .toList();
    JsonNode failing = service.path("Spec");
    if (rolledBack) {
      JsonNode template = newestFirst.stream()
          .filter(t -> FAILED_STATES.contains(t.path("Status").path("State").asText()) && !current(service, t))
          .map(t -> t.path("Spec"))
          .findFirst().orElse(null);
      if (template == null) {
        return List.of();
      }
      ObjectNode spec = SpecValues.NODES.objectNode();
      spec.set("TaskTemplate", template);
      failing = spec;
    }
    Set<Convergence.TaskFailure> found = new LinkedHashSet<>();
    JsonNode failingSpec = failing;
    newestFirst.forEach(task -> {
          String state = task.path("Status").path("State").asText();
          String error = task.path("Status").path("Err").asText("");
          boolean stuck = !error.isEmpty() && task.path("DesiredState").asText().equals("running") && !state.equals("running");
          if ((FAILED_STATES.contains(state) || stuck) && sameTemplate(failingSpec, task)) {
            found.add(new Convergence.TaskFailure(key, state, error.isEmpty() ? Optional.empty() : Optional.of(error)));
          }
        });
    return List.copyOf(found);
  }

  static java.time.Instant instant(String text) {
    try {
      return java.time.Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return java.time.Instant.EPOCH;
    }
  }
}
