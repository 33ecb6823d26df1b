/**
 * Feature stages of a pipeline, which derive new columns from the preprocessed ones: polynomial and interaction terms
 * ({@link io.maas.features.Polynomial}). Derived columns keep readable names ({@code "bmi^2"}, {@code "bmi*bp"}) so
 * the coefficients of the model say what they multiply.
 */
package io.maas.features;
