package dev.vigil.engine.internal;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.nio.charset.StandardCharsets;

/**
 * Stores scheduler task data as UTF-8 text, so the scheduler table stays readable with psql and
 * no Java-serialized objects ever need to be read back by a newer version.
 */
public final class TextSerializer implements Serializer {
  @Override
  public byte[] serialize(Object data) {
    if (data == null) return null;
    if (!(data instanceof String s)) {
      throw new IllegalArgumentException("scheduler data must be text, got " + data.getClass().getName());
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <T> T deserialize(Class<T> type, byte[] bytes) {
    if (bytes == null) return null;
    return type.cast(new String(bytes, StandardCharsets.UTF_8));
  }
}
