package se.kth.aspen.swarm.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.ClusterList;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/** The cluster status API, played by WireMock. */
class ClusterStatusDirectoryTest {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private static final String OLD_SPELLING = "[{\"name\": \"active\", \"lb_ip\": \"10.0.0.5:2376\", \"anything\": \"ignored\"}]";
  private static final String NEW_SPELLING = "[{\"status\": \"active\", \"name\": \"everest-white\","
      + " \"load_balancer_ip\": \"10.0.0.6:2376\", \"preparing\": true}]";

  private String url() {
    return api.baseUrl() + "/api/clusters";
  }

  private ClusterStatusDirectory directory(Duration requestTimeout) {
    return ClusterStatusDirectory.overHttp(URI.create(url()), requestTimeout);
  }

  private ClusterStatusDirectory directory() {
    return directory(Duration.ofSeconds(5));
  }

  private static void answers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    api.stubFor(get(urlPathEqualTo("/api/clusters")).willReturn(answer));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  private static Deadline deadline() {
    return Deadline.in(Duration.ofSeconds(10));
  }

  @Test
  void readsTheOldSpelling() throws Exception {
    answers(json(OLD_SPELLING));

    assertThat(directory().clusters(deadline())).isEqualTo(ClusterList.of(
        java.util.List.of(new Cluster("active", new ClusterEndpoint.Tcp("10.0.0.5", 2376, true), false))));
  }

  @Test
  void readsTheNewSpellingWithPreparing() throws Exception {
    answers(json(NEW_SPELLING));

    ClusterList list = directory().clusters(deadline());
    assertThat(list.named("active")).hasValueSatisfying(c -> assertThat(c.portilloCluster()).isEqualTo("preparing-active"));
    assertThat(list.staleBecause()).isEmpty();
  }

  @Test
  void reportsAServerErrorAsUnreachableWhenThereIsNoEarlierList() {
    answers(aResponse().withStatus(500).withBody("Internal Server Error"));

    assertThatThrownBy(() -> directory().clusters(deadline()))
        .isInstanceOf(UnreachableException.class)
        .hasMessage("reading clusters from " + url() + ": the cluster status API answered HTTP 500");
  }

  @Test
  void reportsASlowApiAsUnreachable() {
    answers(json(OLD_SPELLING).withFixedDelay(3_000));

    assertThatThrownBy(() -> directory(Duration.ofMillis(300)).clusters(deadline()))
        .isInstanceOf(UnreachableException.class)
        .hasMessage("reading clusters from " + url() + ": no answer within 300 ms");
  }

  @Test
  void refusesAGarbageBodyNamingTheSource() {
    answers(json("<html><h1>502 Bad Gateway</h1></html>"));

    assertThatThrownBy(() -> directory().clusters(deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessageStartingWith("reading clusters from " + url() + ": malformed JSON at line 1, column 1 (");
  }

  @Test
  void reportsAConnectionDroppedMidAnswerAsUnreachable() {
    answers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThatThrownBy(() -> directory().clusters(deadline()))
        .isInstanceOf(UnreachableException.class)
        .hasMessageStartingWith("reading clusters from " + url() + ": ");
  }

  @Test
  void servesTheLastGoodListMarkedStaleWhileTheApiIsDownOrTalksGarbage() throws Exception {
    ClusterStatusDirectory directory = directory(Duration.ofMillis(300));
    answers(json(OLD_SPELLING));
    ClusterList good = directory.clusters(deadline());

    answers(aResponse().withStatus(503));
    assertThat(directory.clusters(deadline())).isEqualTo(new ClusterList(good.clusters(),
        Optional.of("reading clusters from " + url() + ": the cluster status API answered HTTP 503")));

    answers(json(OLD_SPELLING).withFixedDelay(3_000));
    assertThat(directory.clusters(deadline())).isEqualTo(new ClusterList(good.clusters(),
        Optional.of("reading clusters from " + url() + ": no answer within 300 ms")));

    answers(json("{\"error\": \"maintenance\"}"));
    assertThat(directory.clusters(deadline())).isEqualTo(new ClusterList(good.clusters(),
        Optional.of("reading clusters from " + url() + ": expected a JSON array of clusters, found a JSON object")));
  }

  @Test
  void servesTheNewListAgainOnceTheApiRecovers() throws Exception {
    ClusterStatusDirectory directory = directory();
    answers(json(OLD_SPELLING));
    directory.clusters(deadline());
    answers(aResponse().withStatus(500));
    assertThat(directory.clusters(deadline()).staleBecause()).isPresent();

    answers(json(NEW_SPELLING));
    ClusterList recovered = directory.clusters(deadline());
    assertThat(recovered.staleBecause()).isEmpty();
    assertThat(recovered.clusters()).singleElement().satisfies(c -> assertThat(c.endpoint()).hasToString("10.0.0.6:2376"));
  }

  @Test
  void servesTheGoodEntriesWhenOneHasABadEndpoint() throws Exception {
    answers(json("[{\"name\": \"active\", \"lb_ip\": \"ftp://10.0.0.5\"}, {\"name\": \"stage\", \"lb_ip\": \"10.0.0.7:2376\"}]"));

    ClusterList list = directory().clusters(deadline());
    assertThat(list.clusters()).extracting(Cluster::name).containsExactly("stage");
    assertThat(list.staleBecause()).isEmpty();
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> ClusterStatusDirectory.fromSettings("ftp://status.example/clusters", false, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CLUSTER_STATUS_API_URL \"ftp://status.example/clusters\" is not an http(s) URL"
            + " (set CLUSTER_STATUS_URL_IS_FILE to read a file)");
  }

  @Test
  void refusesANotFoundAnswer() {
    answers(aResponse().withStatus(404));

    assertThatThrownBy(() -> directory().clusters(deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("reading clusters from " + url() + ": the cluster status API answered HTTP 404");
  }

  @Test
  void asksNothingOnceTheDeadlineHasPassed() {
    answers(json(OLD_SPELLING));

    assertThatThrownBy(() -> directory().clusters(Deadline.in(Duration.ZERO)))
        .isInstanceOf(UnreachableException.class)
        .hasMessage("reading clusters from " + url() + ": the deadline passed before the cluster status API could be asked");
    api.verify(0, getRequestedFor(urlPathEqualTo("/api/clusters")));
  }
}
