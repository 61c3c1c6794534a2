/**
 * The two libphonenumber functions the app uses, as their own module: numbers.ts loads it on demand,
 * and a chunk of named exports lets the bundler leave out the rest of the library.
 */
export { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
