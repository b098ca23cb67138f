/** The district's change notices (what the server's change feed listens to and reads after a notice). */
export { changeChannel, changesData, changesSince, type ChangeNotice } from '../store/audit.repository.js';
