package se.kth.aspen.runner.cli;

import se.kth.aspen.core.catalogue.CatalogueSettings;
import se.kth.aspen.core.catalogue.RegistryCatalogue;
import se.kth.aspen.core.catalogue.RegistryRequests;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.runner.config.Configuration;

/** The tag catalogue in front of the image registry, as the configuration sets it up. */
final class Catalogues {

  private Catalogues() {}

  /** TAGS_REFRESH_SECS, REGISTRY_CONCURRENCY and REQUEST_TIMEOUT. */
  static RegistryCatalogue of(ImageRegistry registry, Configuration configuration, RegistryRequests requests) {
    return new RegistryCatalogue(registry, CatalogueSettings.of(configuration.tagsRefresh(),
        configuration.registryConcurrency(), configuration.requestTimeout()), requests);
  }

  /** The same ports, with the catalogue answering for the image registry. */
  static Ports over(Ports ports, ImageRegistry catalogue) {
    return new Ports(ports.registry(), ports.clusters(), catalogue, ports.secrets(), ports.orchestrator(),
        ports.state(), ports.notifier());
  }
}
