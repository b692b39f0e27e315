package se.kth.aspen.swarm.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.RefusedException;

class ClusterStatusParserTest {

  private static final String SOURCE = "http://status.example/clusters";
  private static final String PREFIX = "reading clusters from " + SOURCE + ": ";
  private final ClusterStatusParser parser = new ClusterStatusParser();

  private ClusterStatusParser.Parsed parse(String json) throws RefusedException {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), SOURCE);
  }

  @Test
  void readsTheOldSpellingWithNameAndLbIpIgnoringOtherFields() throws Exception {
    assertThat(parse("[{\"name\": \"active\", \"lb_ip\": \"10.0.0.5:2376\", \"anything\": {\"nested\": [1]}}]").clusters())
        .containsExactly(new Cluster("active", new ClusterEndpoint.Tcp("10.0.0.5", 2376, true), false));
  }

  @Test
  void readsTheNewSpellingWhereStatusIsTheKeyAndNameIsTheClustersOwnName() throws Exception {
    assertThat(parse("[{\"status\": \"active\", \"name\": \"everest-white\", \"load_balancer_ip\": \"10.0.0.5:2376\","
        + " \"preparing\": false}, {\"status\": \"stage\", \"name\": \"everest-black\","
        + " \"load_balancer_ip\": \"tcp://10.0.0.6:2375\", \"preparing\": true}]").clusters())
        .containsExactly(
            new Cluster("active", new ClusterEndpoint.Tcp("10.0.0.5", 2376, true), false),
            new Cluster("stage", new ClusterEndpoint.Tcp("10.0.0.6", 2375, false), true));
  }

  @ParameterizedTest(name = "{0} gives cluster {1} at {2}, preparing={3}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\":\"active\",\"lb_ip\":\"unix:///var/run/docker.sock\"}                      | active | unix:///var/run/docker.sock | false",
      "{\"status\":null,\"name\":\"stage\",\"lb_ip\":\"h:1\"}                               | stage  | h:1                         | false",
      "{\"status\":\"active\",\"lb_ip\":\"h:1\",\"load_balancer_ip\":\"tcp://g:2\"}        | active | tcp://g:2                   | false",
      "{\"status\":\"active\",\"lb_ip\":\" h:1 \",\"preparing\":\"True\"}                   | active | h:1                         | true",
      "{\"status\":\"active\",\"lb_ip\":\"h:1\",\"preparing\":null}                         | active | h:1                         | false",
  })
  void choosesKeyEndpointAndPreparingByTheContractsRules(String entry, String name, String endpoint, boolean preparing)
      throws Exception {
    assertThat(parse("[" + entry + "]").clusters()).singleElement().satisfies(cluster -> {
      assertThat(cluster.name()).isEqualTo(name);
      assertThat(cluster.endpoint()).hasToString(endpoint);
      assertThat(cluster.preparing()).isEqualTo(preparing);
    });
  }

  @Test
  void setsAsideBadEntriesNamingTheirIndexAndServesTheRest() throws Exception {
    ClusterStatusParser.Parsed parsed = parse("""
        [ {"name": "active", "lb_ip": "10.0.0.5:2376"},
          {"name": "stage", "lb_ip": "http://10.0.0.6"},
          {"lb_ip": "10.0.0.7:2376"},
          {"name": "dev"},
          "active",
          {"name": "active", "lb_ip": "10.0.0.8:2376"},
          {"name": "", "lb_ip": "10.0.0.9:2376"},
          {"name": "ref", "lb_ip": "10.0.0.9:2376", "preparing": 1} ]
        """);

    assertThat(parsed.clusters()).extracting(Cluster::name).containsExactly("active");
    assertThat(parsed.problems()).containsExactly(
        PREFIX + "entry [1] (cluster \"stage\"): cluster endpoint \"http://10.0.0.6\" is not unix:///path,"
            + " tcp://host:port or host:port (unsupported scheme)",
        PREFIX + "entry [2] has neither \"status\" nor \"name\"",
        PREFIX + "entry [3] (cluster \"dev\") has neither \"load_balancer_ip\" nor \"lb_ip\"",
        PREFIX + "entry [4] is not a JSON object",
        PREFIX + "entry [5] cluster \"active\" is listed already at entry [0]; the first one is used",
        PREFIX + "entry [6] has \"name\": \"\", not a non-empty string",
        PREFIX + "entry [7] (cluster \"ref\") has \"preparing\": 1, not true or false");
  }

  @Test
  void servesAnEmptyArrayAsNoClusters() throws Exception {
    assertThat(parse(" [ ] ").clusters()).isEmpty();
  }

  @Test
  void refusesADocumentWhoseEntriesAreAllUnusable() {
    assertThatThrownBy(() -> parse("[{\"name\": \"active\"}, {}]"))
        .isInstanceOf(RefusedException.class)
        .hasMessage(PREFIX + "none of its 2 entries is usable (entry [0] (cluster \"active\") has neither"
            + " \"load_balancer_ip\" nor \"lb_ip\"; entry [1] has neither \"status\" nor \"name\")");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "<html>502 Bad Gateway</html> | malformed JSON at line 1, column 1 (Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))",
      "[{\"name\": \"active\",       | malformed JSON at line 1, column 20 (Unexpected end-of-input within/between Object entries)",
      "{\"clusters\": []}            | expected a JSON array of clusters, found a JSON object",
      "''                            | the document is empty, not a JSON array",
  })
  void refusesDocumentsThatAreNotAJsonArray(String document, String reason) {
    assertThatThrownBy(() -> parse(document))
        .isInstanceOf(RefusedException.class)
        .hasMessage(PREFIX + reason);
  }

  @Test
  void namesTheSourceInItsMessages() {
    assertThatThrownBy(() -> parser.parse("nope".getBytes(StandardCharsets.UTF_8), "file " + Path.of("/etc/clusters.json")))
        .isInstanceOf(RefusedException.class)
        .hasMessageStartingWith("reading clusters from file /etc/clusters.json: malformed JSON at line 1");
  }
}
