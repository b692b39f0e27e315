package se.kth.aspen.notify;

import java.util.Objects;

/**
 * One message waiting to be sent.
 *
 * @param kind which endpoint it goes to
 * @param subject a short description for log lines ({@code deployment of active/app 1.2.3})
 * @param body the JSON body, exactly as it will be sent
 */
record Delivery(NoticeKind kind, String subject, byte[] body) {

  Delivery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }

  @Override
  public String toString() {
    return kind.label() + " notice (" + subject + ")";
  }
}
