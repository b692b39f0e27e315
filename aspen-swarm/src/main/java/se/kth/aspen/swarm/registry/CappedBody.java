package se.kth.aspen.swarm.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Response bodies read into memory up to a limit. Images in stack files may name any registry,
 * so an answer must not be able to exhaust the runner's memory; past the limit the exchange is
 * cancelled. Use one handler per request: it remembers whether the limit was hit, because the
 * client may report the cancelled stream rather than this handler's reason.
 */
final class CappedBody implements HttpResponse.BodyHandler<byte[]> {

  private final long limit;
  private final AtomicBoolean exceeded = new AtomicBoolean();

  CappedBody(long limit) {
    this.limit = limit;
  }

  /** Whether an answer went past the limit. */
  boolean exceeded() {
    return exceeded.get();
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    return new Subscriber();
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + (long) buffer.remaining() > limit) {
          exceeded.set(true);
          body.completeExceptionally(new IOException("the answer is larger than " + limit + " bytes"));
          subscription.cancel();
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }
  }
}
