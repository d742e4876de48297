// A port bound but not listening: a connection to it is refused, and it stays ours until verify.groovy closes it.
def socket = new Socket()
socket.bind(new InetSocketAddress('127.0.0.1', 0))
System.properties.put('starttls.it.closed-port', socket)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dsmtp.target=127.0.0.1:${socket.localPort}\n"
return true
