package dev.platen;

/** Composition root. */
public final class App {
  public static void main(String[] args) {
  }
}
