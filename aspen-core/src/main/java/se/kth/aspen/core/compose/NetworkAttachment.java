package se.kth.aspen.core.compose;

import java.util.List;

/** A service's membership of a network: the network key and extra aliases. */
public record NetworkAttachment(String network, List<String> aliases) {

  public NetworkAttachment {
    aliases = List.copyOf(aliases);
  }
}
