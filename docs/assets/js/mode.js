(function(){var m=null;try{m=localStorage.getItem("ar-reading-mode")}catch(e){}document.documentElement.setAttribute("data-reading-mode",/^(read|study|explain|plain)$/.test(m)?m:"read")})();
