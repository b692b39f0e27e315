package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.catalogue.PushedImage;

/** The bodies as each sender documents them. */
class RegistryEventsTest {

  static RegistryEvents.Pushes read(String json) {
    return RegistryEvents.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theDistributionEnvelopeNamesEachTagPushAndSkipsBlobsPullsAndDigestPushes() {
    RegistryEvents.Pushes pushes = read("""
        {"events": [
          {"id": "1", "timestamp": "2026-12-03T05:00:00Z", "action": "push",
           "target": {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 527,
             "digest": "sha256:aaaa", "length": 527, "repository": "team/app",
             "url": "http://registry.example.org:5000/v2/team/app/manifests/sha256:aaaa", "tag": "2.9.203_1a2b3c4"},
           "request": {"id": "r1", "addr": "10.0.0.1:40000", "host": "registry.example.org:5000", "method": "PUT",
             "useragent": "docker/24.0"},
           "actor": {}, "source": {"addr": "registry:5000", "instanceID": "i"}},
          {"id": "2", "action": "push", "target": {"mediaType": "application/octet-stream", "digest": "sha256:bbbb",
             "repository": "team/app"}, "request": {"host": "registry.example.org:5000"}},
          {"id": "3", "action": "pull", "target": {"repository": "team/app", "tag": "1.0.0"},
             "request": {"host": "registry.example.org:5000"}},
          {"id": "4", "action": "push", "target": {"repository": "team/other", "digest": "sha256:cccc"},
             "request": {"host": "registry.example.org:5000"}}
        ]}
        """);

    assertThat(pushes.sender()).isEqualTo("distribution");
    assertThat(pushes.images()).containsExactly(
        new PushedImage(Optional.of("registry.example.org:5000"), "team/app", "2.9.203_1a2b3c4"));
  }

  @Test
  void azureContainerRegistrySendsOneEventAtTheTopLevel() {
    RegistryEvents.Pushes pushes = read("""
        {"id": "cb8c3971-9adc-488b-bdd8-43cbb4974ff5", "timestamp": "2017-11-17T16:52:01.343145347Z",
         "action": "push",
         "target": {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 524,
           "digest": "sha256:80f0d5c8786bb9e621a45ece0db56d11cdc624ad20da9fe62e9d25490f331d7d", "length": 524,
           "repository": "hello-world", "tag": "v1"},
         "request": {"id": "3cbb6949-7549-4fa1-86cd-a6d5451dffc7", "host": "myregistry.azurecr.io",
           "method": "PUT", "useragent": "docker/17.09.0-ce go/go1.8.3 git-commit/afdb6d4"}}
        """);

    assertThat(pushes.sender()).isEqualTo("Azure Container Registry");
    assertThat(pushes.images()).containsExactly(new PushedImage(Optional.of("myregistry.azurecr.io"), "hello-world", "v1"));
  }

  @Test
  void azuresOtherActionsNameNothing() {
    assertThat(read("""
        {"id": "x", "action": "delete", "target": {"repository": "hello-world", "tag": "v1"},
         "request": {"host": "myregistry.azurecr.io"}}
        """).images()).isEmpty();
  }

  @Test
  void harborNamesEachTaggedResourceWithTheHostOfItsUrl() {
    RegistryEvents.Pushes pushes = read("""
        {"type": "PUSH_ARTIFACT", "occur_at": 1680501893, "operator": "harbor-jobservice",
         "event_data": {
           "resources": [
             {"digest": "sha256:954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4",
              "tag": "1.4.2", "resource_url": "harbor.example.org/library/nginx:1.4.2"}],
           "repository": {"date_created": 1680501893, "name": "nginx", "namespace": "library",
             "repo_full_name": "library/nginx", "repo_type": "private"}}}
        """);

    assertThat(pushes.sender()).isEqualTo("Harbor");
    assertThat(pushes.images()).containsExactly(new PushedImage(Optional.of("harbor.example.org"), "library/nginx", "1.4.2"));
  }

  @Test
  void harborsOtherEventTypesNameNothing() {
    assertThat(read("""
        {"type": "PULL_ARTIFACT", "occur_at": 1, "operator": "x",
         "event_data": {"resources": [{"tag": "1.4.2", "resource_url": "h/library/nginx:1.4.2"}],
           "repository": {"repo_full_name": "library/nginx"}}}
        """).images()).isEmpty();
  }

  @Test
  void dockerHubNamesTheRepositoryAndTagWithoutARegistry() {
    RegistryEvents.Pushes pushes = read("""
        {"callback_url": "https://registry.hub.docker.com/u/svendowideit/testhook/hook/2141b5bi5i5b02bec211i4eeih0242eg11000a/",
         "push_data": {"pushed_at": 1417566161, "pusher": "trustedbuilder", "tag": "2.0.1"},
         "repository": {"comment_count": 0, "date_created": 1417494799, "description": "", "dockerfile": "",
           "full_description": "", "is_official": false, "is_private": true, "is_trusted": true,
           "name": "testhook", "namespace": "svendowideit", "owner": "svendowideit",
           "repo_name": "svendowideit/testhook", "repo_url": "https://registry.hub.docker.com/u/svendowideit/testhook/",
           "star_count": 0, "status": "Active"}}
        """);

    assertThat(pushes.sender()).isEqualTo("Docker Hub");
    assertThat(pushes.images()).containsExactly(new PushedImage(Optional.empty(), "svendowideit/testhook", "2.0.1"));
  }

  @Test
  void malformedBodiesAreRefusedSayingWhy() {
    assertThatThrownBy(() -> read("not json")).hasMessage("the body is not JSON");
    assertThatThrownBy(() -> read("[1, 2]")).hasMessage("the body is not a JSON object");
    assertThatThrownBy(() -> read("{\"hello\": 1}")).hasMessageStartingWith("the body is no registry notification");
    assertThatThrownBy(() -> read("{\"events\": {}}")).hasMessage("\"events\" is not a list");
    assertThatThrownBy(() -> read("{\"events\": [{\"action\": \"push\", \"target\": {\"tag\": \"1.0.0\"}}]}"))
        .hasMessage("target.repository is missing or not text");
    assertThatThrownBy(() -> read("{\"push_data\": {\"tag\": 5}, \"repository\": {\"repo_name\": \"a/b\"}}"))
        .hasMessage("push_data.tag is missing or not text");
    assertThatThrownBy(() -> read("{\"type\": \"PUSH_ARTIFACT\", \"event_data\": {\"repository\": {}}}"))
        .hasMessage("event_data.repository.repo_full_name is missing or not text");
  }
}
