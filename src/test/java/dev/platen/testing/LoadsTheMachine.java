package dev.platen.testing;

/**
 * Marks a test class that loads the whole machine (several server processes, a training run, thousands of clients):
 * it may run beside ordinary classes and beside other classes like it, whose deadlines are minutes, but never beside
 * a {@link OneAtATime} class, whose times and races it would upset. Takes {@link OneAtATime}'s lock shared.
 */
public final class LoadsTheMachine extends OneAtATime {
  @Override
  boolean shared() {
    return true;
  }
}
