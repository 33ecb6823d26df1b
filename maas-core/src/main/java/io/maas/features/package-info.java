/**
 * Feature stages of a pipeline, which derive new columns from the preprocessed ones: polynomial and interaction terms
 * ({@link io.maas.features.Polynomial}) and one-hot encodings of categorical columns ({@link io.maas.features.OneHot}).
 * Derived columns keep readable names ({@code "bmi^2"}, {@code "bmi*bp"}, {@code "city=Oslo"}) so the coefficients
 * of the model say what they multiply.
 */
package io.maas.features;
