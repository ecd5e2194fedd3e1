// A real SMTP server on loopback for the tests. It prints one JSON line per event on standard output:
//   {"listening": PORT} once ready; {"connection": N, "refused"|"dropped"|"accepted": true} per connection;
//   {"message": {"from": ..., "to": [...], "raw": BASE64}} per message received.
// REFUSE_CONNECTIONS=N answers the first N connections with 421; DROP_CONNECTIONS=N closes the next N without a word.
// It stops when its standard input closes.
import { SMTPServer } from 'smtp-server';

let refuse = Number(process.env.REFUSE_CONNECTIONS ?? 0);
let drop = Number(process.env.DROP_CONNECTIONS ?? 0);
let connections = 0;
const print = (event) => process.stdout.write(JSON.stringify(event) + '\n');

const server = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS'],
  authOptional: true,
  logger: false,
  onConnect(session, callback) {
    connections += 1;
    if (refuse > 0) {
      refuse -= 1;
      print({ connection: connections, refused: true });
      const error = new Error('Too busy, try again later');
      error.responseCode = 421;
      return callback(error);
    }
    print({ connection: connections, accepted: true });
    return callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      print({
        message: {
          from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('base64'),
        },
      });
      callback();
    });
  },
});

// Dropped before the server greets them: the client sees the connection closed.
server.server.prependListener('connection', (socket) => {
  if (drop > 0 && refuse === 0) {
    drop -= 1;
    connections += 1;
    print({ connection: connections, dropped: true });
    socket.destroy();
  }
});

server.on('error', (error) => process.stderr.write(String(error) + '\n'));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => print({ listening: server.server.address().port }));
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
