export {
  createReaderClient,
  type GetItemOptions,
  type IndexQueryOptions,
  type Item,
  type ListItemsOptions,
  type Page,
  type PageOptions,
  type QueryOptions,
  type ReadOptions,
  type ReaderClient,
  type ReaderClientOptions,
  type RequestOptions,
} from './create-reader-client.js';
export { createSigner } from './create-signer.js';
export { signedFetch, type FetchedResponse, type SignedFetchOptions, type SigningCredentials } from './signed-fetch.js';
export * from './errors.js';
